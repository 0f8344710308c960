package io.github.oauthsignin.providers.apple;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.oauthsignin.fake.oauth2.FakeApple;
import io.github.oauthsignin.support.KeptTokensTestSupport;
import io.github.oauthsignin.support.StandIn;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full-flow tests of Sign in with Apple: the app on a random port, on with the four documented variables against
 * the strict Apple stand-in ({@link FakeApple}), keeping Apple's tokens (encrypted) so that deleting an account can
 * revoke them. One application context for every class extending this one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.http.clients.connect-timeout=5s", "spring.http.clients.read-timeout=5s",
				"signin.tokens.key=" + KeptTokensTestSupport.KEY, "signin.providers.apple.keep-tokens=true",
				"signin.providers.apple.notification-audiences=" + AppleSignInTestSupport.CLIENT_ID + ","
						+ AppleSignInTestSupport.APP_ID })
abstract class AppleSignInTestSupport {

	static final String CLIENT_ID = "com.example.signin.web";

	static final String TEAM_ID = "TEAMID1234";

	static final String KEY_ID = "KEYID56789";

	/** The primary App ID of the group, which Apple has been seen to send as the notifications' audience. */
	static final String APP_ID = "TEAMID1234.com.example.signin";

	private static final StandInProviders standIns = StandInProviders.start(StandIn.apple(CLIENT_ID, TEAM_ID, KEY_ID));

	static final FakeApple apple = standIns.fake("apple", FakeApple.class);

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		standIns.register(registry);
	}

	@BeforeEach
	void resetApple() {
		standIns.reset();
		standIns.allowCallbacksAt(appUri(""));
	}

	String appUri(String path) {
		return "http://localhost:" + this.port + path;
	}

	TestBrowser browser() {
		return new TestBrowser(URI.create(appUri("/")));
	}

	/** Presses "Sign in with Apple" and stops at Apple's form post page, which would post the answer back. */
	TestBrowser.Page formPostPage(TestBrowser browser) {
		HttpResponse<String> toApple = browser.press(browser.open("/"), "Sign in with Apple", Map.of());
		assertThat(toApple.statusCode()).as("the app's redirect to Apple").isEqualTo(302);
		return browser.follow(toApple);
	}

	/** Signs in with Apple: Apple's page posts the answer back cross-site, and the app finishes on the GET it answers. */
	TestBrowser.Page signIn(TestBrowser browser) {
		return browser.follow(postAnswer(browser, formPostPage(browser), Map.of()));
	}

	/** Posts the form of Apple's page (as its script does, cross-site), with these fields changed. */
	HttpResponse<String> postAnswer(TestBrowser browser, TestBrowser.Page formPost, Map<String, String> changed) {
		return browser.press(formPost, "Continue", changed);
	}

	/** The fields of Apple's form post page. */
	static Map<String, String> fields(TestBrowser.Page formPost) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		formPost.document().select("form#answer input[type=hidden]").forEach((input) -> fields.put(input.attr("name"),
				input.val()));
		return fields;
	}

	Map<String, Object> account(String subject) {
		return this.jdbc.queryForMap("select u.* from users u join identities i on i.user_id = u.id "
				+ "where i.provider = 'apple' and i.provider_user_id = ?", subject);
	}

	int users(String subject) {
		return this.jdbc.queryForObject("select count(*) from identities where provider = 'apple' "
				+ "and provider_user_id = ?", Integer.class, subject);
	}

	int allUsers() {
		return this.jdbc.queryForObject("select count(*) from users", Integer.class);
	}

}
