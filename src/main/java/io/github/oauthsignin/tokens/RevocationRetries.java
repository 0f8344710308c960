package io.github.oauthsignin.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import io.github.oauthsignin.signin.ProviderCredentials;
import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.signin.SignInProviders;

/**
 * Revocations that failed (the provider refused or did not answer), tried again: the OAuth 2 tokens are kept for it in
 * {@code pending_revocations}, encrypted as kept tokens are ({@link TokenCipher}, bound to their row's provider and
 * column), and revoked again every few minutes, at first at once, then after 10 minutes, 20, 40... up to
 * {@value #MAX_ATTEMPTS} attempts; then given up, with a line in the log. The account they belonged to is gone already:
 * a retry never blocks, undoes or waits on a deletion.
 */
public class RevocationRetries {

	static final int MAX_ATTEMPTS = 8;

	static final Duration FIRST_DELAY = Duration.ofMinutes(10);

	private static final int BATCH = 20;

	private static final Logger logger = LoggerFactory.getLogger(RevocationRetries.class);

	private final JdbcTemplate jdbc;

	private final TokenCipher cipher;

	private final SignInProviders providers;

	private final Clock clock;

	RevocationRetries(JdbcTemplate jdbc, TokenCipher cipher, SignInProviders providers, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.providers = providers;
		this.clock = clock;
	}

	/** Keeps these OAuth 2 tokens, whose revocation failed, to revoke them again soon. */
	void later(String providerId, ProviderCredentials credentials) {
		if (!(credentials instanceof ProviderCredentials.OAuth2 tokens) || this.cipher.currentKeyId() == null) {
			return;
		}
		String refresh = (tokens.refreshToken() != null) ? tokens.refreshToken().getTokenValue() : null;
		this.jdbc.update("insert into pending_revocations (provider, access_token_value, refresh_token_value, "
				+ "attempts, next_attempt_at) values (?, ?, ?, 0, ?)", providerId,
				this.cipher.encrypt(tokens.accessToken().getTokenValue(), context(providerId, "access_token")),
				(refresh != null) ? this.cipher.encrypt(refresh, context(providerId, "refresh_token")) : null,
				at(this.clock.instant()));
	}

	/** Tries the revocations that are due again; every five minutes, and by tests. */
	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
	public void retryDue() {
		Instant now = this.clock.instant();
		List<Pending> due = this.jdbc.query("select id, provider, access_token_value, refresh_token_value, attempts "
				+ "from pending_revocations where next_attempt_at <= ? order by next_attempt_at", (row, index) ->
				new Pending(row.getLong(1), row.getString(2), row.getBytes(3), row.getBytes(4), row.getInt(5)),
				at(now)).stream().limit(BATCH).toList();
		due.forEach((pending) -> retry(pending, now));
	}

	private void retry(Pending pending, Instant now) {
		SignInProvider provider = this.providers.find(pending.provider()).orElse(null);
		ProviderCredentials credentials = read(pending);
		if (provider == null || credentials == null) {
			logger.warn("Revocation at {} given up: {}", pending.provider(),
					(provider == null) ? "the provider is no longer configured" : "the tokens cannot be read");
			delete(pending);
			return;
		}
		try {
			provider.revoke(credentials);
			logger.info("Revocation at {} done on attempt {}", pending.provider(), pending.attempts() + 2);
			delete(pending);
		}
		catch (RuntimeException ex) {
			int attempts = pending.attempts() + 1;
			if (attempts >= MAX_ATTEMPTS) {
				logger.warn("Revocation at {} given up after {} attempts: {}", pending.provider(), attempts + 1,
						ex.getMessage());
				delete(pending);
				return;
			}
			this.jdbc.update("update pending_revocations set attempts = ?, next_attempt_at = ? where id = ?", attempts,
					at(now.plus(FIRST_DELAY.multipliedBy(1L << (attempts - 1)))), pending.id());
		}
	}

	private ProviderCredentials read(Pending pending) {
		try {
			String access = this.cipher.decrypt(pending.accessToken(), context(pending.provider(), "access_token"));
			String refresh = (pending.refreshToken() != null)
					? this.cipher.decrypt(pending.refreshToken(), context(pending.provider(), "refresh_token")) : null;
			return new ProviderCredentials.OAuth2(
					new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, null, null),
					(refresh != null) ? new OAuth2RefreshToken(refresh, null) : null);
		}
		catch (UnreadableTokenException | IllegalStateException ex) {
			return null;
		}
	}

	private void delete(Pending pending) {
		this.jdbc.update("delete from pending_revocations where id = ?", pending.id());
	}

	private static String context(String providerId, String column) {
		return "pending_revocations|" + providerId + "|" + column;
	}

	private static OffsetDateTime at(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private record Pending(long id, String provider, byte[] accessToken, byte[] refreshToken, int attempts) {
	}

}
