package io.github.oauthsignin.tokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.github.oauthsignin.signin.SignInProperties;

/**
 * What start-up does to the kept tokens: deletes those of providers whose {@code keep-tokens} is off (turned off
 * since they were kept: "off" means nothing is stored), and, during a key rotation ({@code SIGNIN_TOKENS_PREVIOUSKEY}
 * set), rewrites every value still under the previous key with the current one, so that the previous key can then be
 * dropped. Each row is rewritten only if it did not change meanwhile; another instance doing the same at the same
 * time is harmless.
 */
@Component
class KeptTokensHousekeeping implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(KeptTokensHousekeeping.class);

	private static final String OAUTH2 = "oauth2_authorized_client";

	private static final String OAUTH1 = "oauth1_authorized_client";

	private final JdbcTemplate jdbc;

	private final TokenCipher cipher;

	private final SignInProperties properties;

	KeptTokensHousekeeping(JdbcTemplate jdbc, TokenCipher cipher, SignInProperties properties) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		List<String> keeping = this.properties.providersKeepingTokens();
		int deleted = deleteAllBut(OAUTH2, keeping) + deleteAllBut(OAUTH1, keeping);
		if (deleted > 0) {
			logger.info("Deleted {} kept tokens of providers whose signin.providers.<id>.keep-tokens is off "
					+ "(not revoked at the providers)", deleted);
		}
		if (this.cipher.isRotating()) {
			int rewritten = rewrite(OAUTH2, "access_token_value", EncryptedAuthorizedClientRows::context)
					+ rewrite(OAUTH2, "refresh_token_value", EncryptedAuthorizedClientRows::context)
					+ rewrite(OAUTH1, "token_value", KeptOAuth1Tokens::context)
					+ rewrite(OAUTH1, "token_secret", KeptOAuth1Tokens::context);
			logger.info("Kept tokens: {} values rewritten with the key {}; once every instance has started with it, "
					+ "SIGNIN_TOKENS_PREVIOUSKEY can go", rewritten, this.cipher.currentKeyId());
		}
	}

	private int deleteAllBut(String table, List<String> keeping) {
		if (keeping.isEmpty()) {
			return this.jdbc.update("delete from " + table);
		}
		String placeholders = String.join(", ", Collections.nCopies(keeping.size(), "?"));
		return this.jdbc.update("delete from " + table + " where client_registration_id not in (" + placeholders + ")",
				keeping.toArray());
	}

	private int rewrite(String table, String column, Context context) {
		List<Object[]> updates = new ArrayList<>();
		this.jdbc.query("select client_registration_id, principal_name, " + column + " from " + table, (row) -> {
			byte[] value = row.getBytes(3);
			if (this.cipher.isUnderPreviousKey(value)) {
				String where = context.of(row.getString(1), row.getString(2), column);
				try {
					updates.add(new Object[] { this.cipher.encrypt(this.cipher.decrypt(value, where), where),
							row.getString(1), row.getString(2), value });
				}
				catch (UnreadableTokenException ex) {
					logger.warn("A kept {} token of user {} cannot be read and is left as it is: {}", row.getString(1),
							row.getString(2), ex.getMessage());
				}
			}
		});
		int rewritten = 0;
		for (Object[] update : updates) {
			rewritten += this.jdbc.update("update " + table + " set " + column + " = ? where client_registration_id = ? "
					+ "and principal_name = ? and " + column + " = ?", update);
		}
		return rewritten;
	}

	/** Where a value is stored, as its encryption binds it. */
	@FunctionalInterface
	private interface Context {

		String of(String providerId, String principalName, String column);

	}

}
