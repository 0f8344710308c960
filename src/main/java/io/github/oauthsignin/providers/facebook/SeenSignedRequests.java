package io.github.oauthsignin.providers.facebook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.github.oauthsignin.providers.facebook.SignedRequestVerifier.InvalidSignedRequestException;
import io.github.oauthsignin.providers.facebook.SignedRequestVerifier.SignedRequest;

/**
 * Freshness and replay for Facebook's {@code signed_request}s: one is acted on only when its {@code issued_at} is
 * at most {@code signin.facebook.signed-request-max-age} old (1 hour unless set) and not more than a minute ahead of
 * our clock, and only once. The SHA-256 of each request's signed payload acted on is kept in {@code facebook_signed_requests} until
 * it would be too old anyway, so a replay inside the window is refused on every instance; a replay after it is
 * refused as stale.
 */
@Component
class SeenSignedRequests {

	/** How far ahead of our clock an {@code issued_at} may be: clocks differ a little. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

	private final JdbcTemplate jdbc;

	private final FacebookCallbacksProperties properties;

	private final Clock clock;

	SeenSignedRequests(JdbcTemplate jdbc, FacebookCallbacksProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Admits a verified request once: call it in the transaction that acts on it, so that a request whose work fails
	 * is not remembered. Requests are told apart by their payload exactly as signed, which a replay cannot change
	 * (the base64 padding of the signature, which it can, is not part of it).
	 * @throws InvalidSignedRequestException when it is too old, from the future, or was acted on before
	 */
	void admit(SignedRequest request) {
		Instant issuedAt = request.issuedAt();
		Instant now = this.clock.instant();
		Duration maxAge = this.properties.signedRequestMaxAge();
		if (issuedAt.isBefore(now.minus(maxAge))) {
			throw new InvalidSignedRequestException("it was issued more than " + maxAge + " ago");
		}
		if (issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
			throw new InvalidSignedRequestException("it was issued in the future");
		}
		this.jdbc.update("delete from facebook_signed_requests where issued_at < ?", utc(now.minus(maxAge)));
		try {
			this.jdbc.update("insert into facebook_signed_requests (digest, issued_at) values (?, ?)",
					digest(request.signedPayload()), utc(issuedAt));
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidSignedRequestException("it was acted on already (a replay)");
		}
	}

	/** OffsetDateTime rather than Instant: what both the H2 and the PostgreSQL drivers bind. */
	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static String digest(String signedPayload) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(signedPayload.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
