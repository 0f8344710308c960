package io.github.oauthsignin.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.env.Environment;

import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An anonymous visitor costs no server state (docs/SECURITY.md, "Anonymous flood"): whatever a visitor who is not
 * signed in does (the home page, other pages, 404s, static files, health, a sign-in started or failed in every way),
 * no session is created and no session cookie set. Sessions are counted where they live: Tomcat's active sessions
 * here, the rows of {@code spring_session} on the database store ({@code AnonymousVisitorsOnDatabaseSessionsTests}).
 * A session is made only when someone is signed in: by a sign-in, or by "Keep me signed in".
 */
class AnonymousVisitorsTests extends SignInFlowTestSupport {

	private static final int VISITORS = 20;

	@Autowired
	private WebServerApplicationContext context;

	@Autowired
	private Environment environment;

	@Test
	void visitorsWhenTheyBrowseAndSignInsFailOrAreAbandonedThenNoSessionAndNoSessionCookie() {
		int before = sessions();
		List<TestBrowser> visitors = new ArrayList<>();
		for (int i = 0; i < VISITORS; i++) {
			TestBrowser visitor = browser();
			visitors.add(visitor);
			TestBrowser.Page home = visitor.open("/");
			assertThat(visitor.open("/?next=/account").status()).isEqualTo(200);
			assertThat(visitor.open("/account").uri().getPath()).as("sign in first").isEqualTo("/");
			assertThat(visitor.open("/no-such-page").status()).isEqualTo(404);
			assertThat(visitor.open("/callback/myspace").status()).isEqualTo(404);
			assertThat(visitor.get(home.document().selectFirst("link[rel=stylesheet]").attr("href")).statusCode())
				.isEqualTo(200);
			assertThat(visitor.get("/favicon.ico").statusCode()).isEqualTo(200);
			assertThat(visitor.get("/healthz").statusCode()).isEqualTo(200);
			assertThat(visitor.open("/callback/facebook?code=x&state=forged").message()).contains(EXPIRED);
			assertThat(visitor.open("/callback/facebook?code=x").message()).contains(EXPIRED);
			assertThat(visitor.open("/callback/twitter?oauth_token=x&oauth_verifier=y").message()).contains(EXPIRED);
			facebook.denyNext();
			assertThat(signIn(visitor, "Facebook").message()).contains("You cancelled signing in with Facebook.");
			facebook.failNext(FakeFacebook.TOKEN, Fault.answer(Response.text(500, "down")));
			assertThat(signIn(visitor, "Facebook").message()).contains("Facebook did not answer, please try again.");
			HttpResponse<String> abandoned = visitor.press(visitor.open("/"), "Sign in with X", Map.of());
			assertThat(abandoned.statusCode()).as("a start left at the provider").isEqualTo(302);
			assertThat(visitor.follow(visitor.postFrom("https://evil.example", "/authorize/facebook", Map.of()))
				.message()).isPresent();
			assertThat(visitor.follow(visitor.post("/logout", Map.of())).uri().getPath()).isEqualTo("/");
		}
		assertThat(sessions()).as("sessions after " + VISITORS + " visitors").isEqualTo(before);
		for (TestBrowser visitor : visitors) {
			assertThat(visitor.history()).as("what the app answered")
				.filteredOn((hop) -> hop.uri().getPort() == this.port)
				.hasSizeGreaterThan(20)
				.allSatisfy((hop) -> assertThat(hop.setCookies()).noneSatisfy(
						(cookie) -> assertThat(cookie).startsWith("SESSION=")));
			assertThat(visitor.cookie("SESSION")).isEmpty();
		}
	}

	@Test
	void signInWhenSucceededOrRememberedThenOneSessionEach() {
		int before = sessions();
		TestBrowser browser = browser();
		signInAs(browser, person("7301", "Counted Carl", null), true);
		assertThat(sessions()).isEqualTo(before + 1);
		browser.restart();
		assertThat(browser.cookie("SESSION")).isEmpty();
		TestBrowser.Page remembered = browser.open("/");
		assertThat(remembered.greeting()).contains("Hi, Counted Carl!");
		assertThat(sessions()).as("remembered: a new session for this browser").isEqualTo(before + 2);
		assertThat(browser.pressAndFollow(remembered, "Sign out").message()).as("the first remembered page's form")
			.contains("You have signed out.");
		assertThat(sessions()).as("the one signed out ended").isEqualTo(before + 1);
	}

	private static final String EXPIRED = "That sign-in link has expired or was not started here.";

	/** The sessions the app keeps now, wherever it keeps them. */
	private int sessions() {
		if ("database".equals(this.environment.getProperty("signin.sessions.store"))) {
			return this.jdbc.queryForObject("select count(*) from spring_session", Integer.class);
		}
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		Context app = (Context) server.getTomcat().getHost().findChildren()[0];
		return app.getManager().getActiveSessions();
	}

}
