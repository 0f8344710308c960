package io.github.oauthsignin.providers.apple;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

import io.github.oauthsignin.account.AccountDeletion;
import io.github.oauthsignin.user.SocialId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Apple's server-to-server notifications: the {@code payload} JWT verified against Apple's keys (its JWK Set, fetched
 * with the app's HTTP client and cached by Nimbus), RS256 only, {@code iss} = Apple's issuer, {@code aud} among the
 * accepted audiences ({@code signin.providers.apple.notification-audiences}, else the client id), {@code exp} and
 * {@code iat} within a minute; its {@code events} claim, a JSON string, read for {@code type} and {@code sub}. Each
 * notification is acted on once (its {@code jti}, kept in {@code provider_notifications}), in one transaction with
 * what it does:
 * <ul>
 * <li>{@code account-delete}: the Apple identity goes, and the account too when it was the only way in;</li>
 * <li>{@code consent-revoked}: the person is signed out everywhere (sessions and remember-me tokens);</li>
 * <li>{@code email-disabled}, {@code email-enabled}: recorded, with the person's Apple id.</li>
 * </ul>
 */
@Component
class AppleNotifications {

	static final Set<String> TYPES = Set.of("account-delete", "consent-revoked", "email-disabled", "email-enabled");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AccountDeletion accounts;

	private final JdbcTemplate jdbc;

	private final RestTemplate http;

	private final AppleProperties properties;

	private final Clock clock;

	private volatile Verifier verifier;

	AppleNotifications(AccountDeletion accounts, JdbcTemplate jdbc, ClientHttpRequestFactory requestFactory,
			AppleProperties properties, Clock clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.http = new RestTemplate(requestFactory);
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Verifies the notification.
	 * @throws InvalidNotificationException when it does not verify, or says nothing this app understands
	 */
	Notification verify(ClientRegistration apple, String payload) {
		Jwt jwt;
		try {
			jwt = decoder(apple).decode(payload);
		}
		catch (JwtException ex) {
			throw new InvalidNotificationException(ex.getMessage());
		}
		String events = jwt.getClaimAsString("events");
		if (events == null) {
			throw new InvalidNotificationException("no events claim");
		}
		JsonNode event;
		try {
			event = JSON.readTree(events);
		}
		catch (JacksonException ex) {
			throw new InvalidNotificationException("the events claim is not JSON");
		}
		String type = event.path("type").asString("");
		String subject = event.path("sub").asString("");
		if (!TYPES.contains(type) || subject.isBlank()) {
			throw new InvalidNotificationException("an event of an unknown type, or without sub");
		}
		String id = (jwt.getId() != null) ? jwt.getId() : type + ":" + subject + ":" + event.path("event_time").asString("");
		return new Notification(id, type, subject);
	}

	/**
	 * Does what the notification asks, once: one that was acted on before changes nothing.
	 * @return whether it was acted on now
	 */
	boolean act(String providerId, Notification notification) {
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		boolean email = notification.type().startsWith("email");
		try {
			this.jdbc.update("insert into provider_notifications (provider, notification_id, notification_type, "
					+ "provider_user_id, received_at) values (?, ?, ?, ?, ?)", providerId,
					abbreviate(notification.id(), 200), notification.type(),
					email ? abbreviate(notification.subject(), 255) : null, now);
		}
		catch (DuplicateKeyException seenBefore) {
			return false;
		}
		SocialId person = new SocialId(providerId, notification.subject());
		switch (notification.type()) {
			case "account-delete" -> this.accounts.removeIdentity(person);
			case "consent-revoked" -> this.accounts.signOutEverywhereBySocialId(person);
			default -> {
				// email-disabled, email-enabled: the row is the record
			}
		}
		return true;
	}

	private JwtDecoder decoder(ClientRegistration apple) {
		String keys = apple.getProviderDetails().getJwkSetUri();
		List<String> audiences = this.properties.notificationAudiences().isEmpty() ? List.of(apple.getClientId())
				: this.properties.notificationAudiences();
		Verifier known = this.verifier;
		if (known == null || !known.keys().equals(keys) || !known.audiences().equals(audiences)) {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(keys)
				.jwsAlgorithm(SignatureAlgorithm.RS256)
				.restOperations(this.http)
				.build();
			OAuth2TokenValidator<Jwt> audience = (jwt) -> (jwt.getAudience() != null
					&& jwt.getAudience().stream().anyMatch(audiences::contains)) ? OAuth2TokenValidatorResult.success()
							: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
									"aud is none of " + audiences, null));
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
					JwtValidators.createDefaultWithIssuer(apple.getProviderDetails().getIssuerUri()), audience));
			known = new Verifier(keys, audiences, decoder);
			this.verifier = known;
		}
		return known.decoder();
	}

	private static String abbreviate(String text, int length) {
		return (text.length() <= length) ? text : text.substring(0, length);
	}

	/** @param id the {@code jti} (or, without one, the event's type, subject and time) */
	record Notification(String id, String type, String subject) {
	}

	private record Verifier(String keys, List<String> audiences, JwtDecoder decoder) {
	}

	/** A notification that does not verify, or that this app does not understand. */
	static final class InvalidNotificationException extends RuntimeException {

		InvalidNotificationException(String message) {
			super(message);
		}

	}

}
