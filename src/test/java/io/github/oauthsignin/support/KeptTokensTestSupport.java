package io.github.oauthsignin.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.example.buildonit.GitHubRepositoriesController;
import com.example.buildonit.GoogleProfileController;
import com.example.buildonit.HelloController;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.github.oauthsignin.SignInApplication;

/**
 * Full-flow tests with tokens kept for GitHub, Google and X (over OAuth 1.0a), not for Facebook or the others, and
 * the example application code of {@code com.example.buildonit} calling the stand-ins as the person. One application
 * context for every class extending this one, wherever it lives (the example's tests are in the example's package).
 */
@TestPropertySource(properties = { "signin.tokens.key=" + KeptTokensTestSupport.KEY,
		"signin.providers.github.keep-tokens=true", "signin.providers.google.keep-tokens=true",
		"signin.providers.twitter.keep-tokens=true" })
@Import({ GitHubRepositoriesController.class, GoogleProfileController.class, HelloController.class })
@ContextConfiguration(classes = SignInApplication.class)
public abstract class KeptTokensTestSupport extends SignInFlowTestSupport {

	/** The token key of these tests: 32 random bytes, Base64. */
	public static final String KEY = "QR6uLv7gDImAYd72QnSomlsDQSCmbO0+/J2b3F1wNG4=";

	@DynamicPropertySource
	static void exampleApplication(DynamicPropertyRegistry registry) {
		registry.add("example.github.api", () -> github.baseUri() + "/api");
	}

	/** The OAuth 2 tokens kept for this user, one row per provider, as stored. */
	protected List<Map<String, Object>> keptOAuth2(long userId) {
		return this.jdbc.queryForList("select * from oauth2_authorized_client where principal_name = ? "
				+ "order by client_registration_id", Long.toString(userId));
	}

	/** The OAuth 1.0a tokens kept for this user, as stored. */
	protected List<Map<String, Object>> keptOAuth1(long userId) {
		return this.jdbc.queryForList("select * from oauth1_authorized_client where principal_name = ?",
				Long.toString(userId));
	}

	/**
	 * Everything in the database as text, read over JDBC as a dump would: every column of every row of every
	 * table, binary columns as their bytes (ISO-8859-1, so that any token written in them shows).
	 */
	protected String rawDatabase() {
		StringBuilder all = new StringBuilder();
		List<String> tables = this.jdbc.queryForList("select table_name from information_schema.tables "
				+ "where table_schema = 'PUBLIC' and table_type = 'BASE TABLE'", String.class);
		for (String table : tables) {
			this.jdbc.query("select * from \"" + table + "\"", (row) -> {
				for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
					Object value = row.getObject(column);
					all.append(table).append('.').append(row.getMetaData().getColumnName(column)).append('=');
					if (value instanceof byte[] bytes) {
						all.append(new String(bytes, StandardCharsets.ISO_8859_1))
							.append(' ')
							.append(new String(bytes, StandardCharsets.UTF_8));
					}
					else {
						all.append(value);
					}
					all.append('\n');
				}
			});
		}
		return all.toString();
	}

}
