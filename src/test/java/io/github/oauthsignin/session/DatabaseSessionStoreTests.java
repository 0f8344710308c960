package io.github.oauthsignin.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production store, Spring Session JDBC (chosen here on H2 with {@code signin.sessions.store=database}): sessions
 * are rows, keyed by a new id at sign-in, indexed by the person, deleted at sign-out, and small. The other tests run
 * on the default store of an H2 app, Tomcat's memory; the account tests run on both
 * ({@code AccountOnDatabaseSessionsTests}).
 */
@TestPropertySource(properties = "signin.sessions.store=database")
class DatabaseSessionStoreTests extends SignInFlowTestSupport {

	private static final String EXPIRED = "That sign-in link has expired or was not started here.";

	@Test
	void signInWhenDatabaseStoreThenSessionRowUnderNewIdIndexedByPerson() {
		TestBrowser browser = browser();
		browser.open("/");
		String before = sessionId(browser);
		assertThat(rows("select count(*) from spring_session where session_id = ?", before)).isOne();
		facebook.nextPerson(person("9101", "Rowena Row", null));
		assertThat(signIn(browser, "Facebook").greeting()).contains("Hi, Rowena Row!");
		String after = sessionId(browser);
		assertThat(after).isNotEqualTo(before);
		assertThat(rows("select count(*) from spring_session where session_id = ?", before)).isZero();
		assertThat(rows("select count(*) from spring_session where session_id = ? and principal_name = ?", after,
				Long.toString(userId("facebook$9101"))))
			.isOne();
		assertThat(sessionsOf(userId("facebook$9101"))).isOne();
	}

	@Test
	void signOutWhenDatabaseStoreThenRowGoneAndReplayedCookieSignedOut() {
		TestBrowser browser = browser();
		facebook.nextPerson(person("9102", "Replay Rita", null));
		signIn(browser, "Facebook");
		TestBrowser stolen = browser();
		browser.copyCookiesTo(stolen);
		String sessionId = sessionId(browser);
		browser.pressAndFollow(browser.open("/"), "Sign out");
		assertThat(rows("select count(*) from spring_session where session_id = ?", sessionId)).isZero();
		assertThat(stolen.open("/").greeting()).isEmpty();
	}

	@Test
	void pendingAttemptFloodWhenButtonPressedInALoopThenSessionRowStaysSmallAndOldestExpires() {
		TestBrowser browser = browser();
		String firstCallback = callbackFor(browser, "Facebook");
		for (int i = 0; i < 3; i++) {
			callbackFor(browser, "Facebook");
		}
		int sizeAfterFew = pendingBytes(browser);
		for (int i = 0; i < 30; i++) {
			callbackFor(browser, "Facebook");
		}
		int sizeAfterMany = pendingBytes(browser);
		assertThat(sizeAfterMany).isLessThanOrEqualTo(sizeAfterFew + 64);
		assertThat(browser.follow(browser.get(firstCallback)).message()).contains(EXPIRED);
	}

	private int rows(String sql, Object... arguments) {
		return this.jdbc.queryForObject(sql, Integer.class, arguments);
	}

	private int pendingBytes(TestBrowser browser) {
		return this.jdbc.queryForObject("select octet_length(a.attribute_bytes) from spring_session_attributes a "
				+ "join spring_session s on s.primary_id = a.session_primary_id "
				+ "where s.session_id = ? and a.attribute_name like '%ATTEMPTS'", Integer.class, sessionId(browser));
	}

	/** Spring Session's cookie holds the session id in base64. */
	private static String sessionId(TestBrowser browser) {
		return new String(Base64.getDecoder().decode(browser.cookie("SESSION").orElseThrow().getValue()),
				StandardCharsets.US_ASCII);
	}

}
