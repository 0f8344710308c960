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
 * are rows, made only at sign-in under an id of the server's own, indexed by the person, deleted at sign-out; started
 * sign-ins are rows of their own ({@code pending_sign_ins}), a few per browser. The other tests run
 * on the default store of an H2 app, Tomcat's memory; the account tests run on both
 * ({@code AccountOnDatabaseSessionsTests}).
 */
@TestPropertySource(properties = "signin.sessions.store=database")
class DatabaseSessionStoreTests extends SignInFlowTestSupport {

	private static final String EXPIRED = "That sign-in link has expired or was not started here.";

	/** A session id the server never issued, as someone who can write a browser's cookies would plant it. */
	private static final String PLANTED = "00000000-1111-2222-3333-444444444444";

	@Test
	void signInWhenDatabaseStoreThenSessionRowUnderNewIdIndexedByPerson() {
		TestBrowser browser = browser();
		browser.setCookie("SESSION", Base64.getEncoder().encodeToString(PLANTED.getBytes(StandardCharsets.US_ASCII)));
		browser.open("/");
		assertThat(rows("select count(*) from spring_session where session_id = ?", PLANTED)).isZero();
		facebook.nextPerson(person("9101", "Rowena Row", null));
		assertThat(signIn(browser, "Facebook").greeting()).contains("Hi, Rowena Row!");
		String after = sessionId(browser);
		assertThat(after).isNotEqualTo(PLANTED);
		assertThat(rows("select count(*) from spring_session where session_id = ?", PLANTED)).isZero();
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
	void pendingAttemptFloodWhenButtonPressedInALoopThenItsRowsStayFewNoSessionAndOldestExpires() {
		int sessionsBefore = rows("select count(*) from spring_session");
		int pendingBefore = rows("select count(*) from pending_sign_ins");
		TestBrowser browser = browser();
		String firstCallback = callbackFor(browser, "Facebook");
		for (int i = 0; i < 33; i++) {
			callbackFor(browser, "Facebook");
		}
		assertThat(rows("select count(*) from pending_sign_ins") - pendingBefore).as("this browser's rows")
			.isBetween(1, 3);
		assertThat(rows("select count(*) from spring_session")).as("no session for a visitor").isEqualTo(sessionsBefore);
		assertThat(browser.cookie("SESSION")).isEmpty();
		assertThat(browser.follow(browser.get(firstCallback)).message()).contains(EXPIRED);
	}

	private int rows(String sql, Object... arguments) {
		return this.jdbc.queryForObject(sql, Integer.class, arguments);
	}

	/** Spring Session's cookie holds the session id in base64. */
	private static String sessionId(TestBrowser browser) {
		return new String(Base64.getDecoder().decode(browser.cookie("SESSION").orElseThrow().getValue()),
				StandardCharsets.US_ASCII);
	}

}
