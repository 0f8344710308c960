package io.github.oauthsignin.tokens;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.oauthsignin.signin.ProviderCredentials;
import io.github.oauthsignin.signin.oauth1.OAuth1AuthorizedClient;
import io.github.oauthsignin.signin.oauth1.OAuth1AuthorizedClientService;

/**
 * Kept OAuth 1.0a access tokens and their secrets (X over OAuth 1.0a), in {@code oauth1_authorized_client}, keyed and
 * encrypted as the OAuth 2 ones are ({@link KeptOAuth2AuthorizedClientService}), only for the providers whose tokens
 * are kept. OAuth 1.0a tokens do not fit Spring's OAuth 2 types (the secret signs every call), hence their own small
 * interface, {@link OAuth1AuthorizedClientService}.
 */
final class KeptOAuth1Tokens implements OAuth1AuthorizedClientService {

	private static final Logger logger = LoggerFactory.getLogger(KeptOAuth1Tokens.class);

	private final JdbcTemplate jdbc;

	private final TokenCipher cipher;

	private final Predicate<String> keepsTokens;

	private final Clock clock;

	KeptOAuth1Tokens(JdbcTemplate jdbc, TokenCipher cipher, Predicate<String> keepsTokens, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.keepsTokens = keepsTokens;
		this.clock = clock;
	}

	static String context(String providerId, String principalName, String column) {
		return "oauth1_authorized_client|" + providerId + "|" + principalName + "|" + column;
	}

	@Override
	public OAuth1AuthorizedClient loadAuthorizedClient(String providerId, String principalName) {
		if (!this.keepsTokens.test(providerId)) {
			return null;
		}
		List<OAuth1AuthorizedClient> found = this.jdbc.query(
				"select token_value, token_secret from oauth1_authorized_client "
						+ "where client_registration_id = ? and principal_name = ?",
				(row, index) -> {
					try {
						return new OAuth1AuthorizedClient(providerId, principalName, new ProviderCredentials.OAuth1(
								this.cipher.decrypt(row.getBytes("token_value"),
										context(providerId, principalName, "token_value")),
								this.cipher.decrypt(row.getBytes("token_secret"),
										context(providerId, principalName, "token_secret"))));
					}
					catch (UnreadableTokenException ex) {
						logger.warn("The kept {} token of user {} is not used: {}", providerId, principalName,
								ex.getMessage());
						return null;
					}
				}, providerId, principalName);
		return found.isEmpty() ? null : found.get(0);
	}

	/** Keeps (replaces) the person's access token at this provider. */
	void save(String providerId, String principalName, ProviderCredentials.OAuth1 token) {
		if (!this.keepsTokens.test(providerId)) {
			return;
		}
		byte[] value = this.cipher.encrypt(token.token(), context(providerId, principalName, "token_value"));
		byte[] secret = this.cipher.encrypt(token.secret(), context(providerId, principalName, "token_secret"));
		if (update(providerId, principalName, value, secret) == 0) {
			try {
				this.jdbc.update("insert into oauth1_authorized_client (client_registration_id, principal_name, "
						+ "token_value, token_secret, created_at) values (?, ?, ?, ?, ?)", providerId, principalName,
						value, secret, OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC));
			}
			catch (DataIntegrityViolationException ex) {
				// A sign-in of the same person inserted it at the same moment.
				update(providerId, principalName, value, secret);
			}
		}
	}

	private int update(String providerId, String principalName, byte[] value, byte[] secret) {
		return this.jdbc.update("update oauth1_authorized_client set token_value = ?, token_secret = ? "
				+ "where client_registration_id = ? and principal_name = ?", value, secret, providerId, principalName);
	}

	void remove(String providerId, String principalName) {
		this.jdbc.update("delete from oauth1_authorized_client where client_registration_id = ? and principal_name = ?",
				providerId, principalName);
	}

}
