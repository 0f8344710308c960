package io.github.oauthsignin.support;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.oauth2.Flavour;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.session.SignedInSessions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full-flow tests: the whole app on a random port, configured only by its documented properties to talk to the
 * strict fake providers over real HTTP, and driven by a {@link TestBrowser}. The fakes live as long as
 * the test JVM, so every class extending this one shares one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.http.clients.connect-timeout=2s", "spring.http.clients.read-timeout=2s" })
public abstract class SignInFlowTestSupport {

	protected static final String FACEBOOK_APP_ID = "test-app-id";

	protected static final String FACEBOOK_APP_SECRET = "test-app-secret-do-not-leak";

	protected static final String TWITTER_CONSUMER_KEY = "test-consumer-key";

	protected static final String TWITTER_CONSUMER_SECRET = "test-consumer-secret-do-not-leak";

	protected static final String GITHUB_CLIENT_ID = "test-github-client";

	protected static final String GITHUB_CLIENT_SECRET = "test-github-secret-do-not-leak";

	protected static final String GOOGLE_CLIENT_ID = "test-google-client.apps.example";

	protected static final String GOOGLE_CLIENT_SECRET = "test-google-secret-do-not-leak";

	protected static final String ACME_CLIENT_ID = "test-acme-client";

	protected static final String ACME_CLIENT_SECRET = "test-acme-secret-do-not-leak";

	protected static final String FORGE_CLIENT_ID = "test-forge-client";

	protected static final String FORGE_CLIENT_SECRET = "test-forge-secret-do-not-leak";

	/**
	 * The providers every full-flow test can sign in with: the presets Facebook, X over OAuth 1.0a, GitHub and Google
	 * by their documented variables with endpoints overridden, and {@code acme}, an OpenID Connect provider the code
	 * has never heard of, by the five standard properties alone, and {@code forge}, a plain OAuth 2 provider (a
	 * GitHub-like API) by standard properties and {@code signin.providers.forge.attributes.*}.
	 */
	private static final StandInProviders standIns = StandInProviders.start(
			StandIn.facebook(FACEBOOK_APP_ID, FACEBOOK_APP_SECRET),
			StandIn.twitter(TWITTER_CONSUMER_KEY, TWITTER_CONSUMER_SECRET),
			StandIn.preset("github", "GITHUB", Flavour.GITHUB, GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET),
			StandIn.preset("google", "GOOGLE", Flavour.OIDC, GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET),
			StandIn.openIdConnect("acme", "Acme ID", ACME_CLIENT_ID, ACME_CLIENT_SECRET),
			StandIn.plainOAuth2("forge", "Forge", Flavour.GITHUB, FORGE_CLIENT_ID, FORGE_CLIENT_SECRET,
					Map.of("name", "name,login", "picture", "avatar_url", "username", "login")));

	protected static final FakeFacebook facebook = standIns.fake("facebook", FakeFacebook.class);

	protected static final FakeTwitter twitter = standIns.fake("twitter", FakeTwitter.class);

	protected static final FakeOAuth2Provider github = standIns.fake("github", FakeOAuth2Provider.class);

	protected static final FakeOAuth2Provider google = standIns.fake("google", FakeOAuth2Provider.class);

	protected static final FakeOAuth2Provider acme = standIns.fake("acme", FakeOAuth2Provider.class);

	protected static final FakeOAuth2Provider forge = standIns.fake("forge", FakeOAuth2Provider.class);

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	private SignedInSessions signedInSessions;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		standIns.register(registry);
	}

	@BeforeEach
	void resetProviders() {
		standIns.reset();
		standIns.allowCallbacksAt(appUri(""));
	}

	/** A new browser with no cookies, pointed at the app. */
	protected TestBrowser browser() {
		return new TestBrowser(URI.create(appUri("/")));
	}

	protected String appUri(String path) {
		return "http://localhost:" + this.port + path;
	}

	/** Opens the home page and presses "Sign in with …", then follows every redirect to the end. */
	protected TestBrowser.Page signIn(TestBrowser browser, String providerName) {
		TestBrowser.Page home = browser.open("/");
		return browser.pressAndFollow(home, "Sign in with " + providerName);
	}

	/** Starts a sign-in and stops at the provider's redirect back, returning the callback URL. */
	protected String callbackFor(TestBrowser browser, String providerName) {
		return browser.callbackFor("/", providerName);
	}

	/** Signs in with Facebook as this person, ticking "Keep me signed in" or not, and checks the greeting. */
	protected TestBrowser.Page signInAs(TestBrowser browser, FakePerson person, boolean rememberMe) {
		facebook.nextPerson(person);
		Map<String, String> fields = rememberMe ? Map.of("remember-me", "true") : Map.of();
		TestBrowser.Page page = browser.follow(browser.press(browser.open("/"), "Sign in with Facebook", fields));
		assertThat(page.greeting()).contains("Hi, " + person.name() + "!");
		return page;
	}

	/** Signs in with this provider as this person: approved at once by the fake, followed back home. */
	protected TestBrowser.Page signInAs(TestBrowser browser, String providerName, FakeOAuth2Provider provider,
			FakePerson person) {
		provider.nextPerson(person);
		return signIn(browser, providerName);
	}

	/** The accounts ({@code users}, joined with {@code identities}) an identity such as {@code github$1} leads to. */
	private static final String ACCOUNTS_OF_IDENTITY = "from users u join identities i on i.user_id = u.id "
			+ "where i.provider || '$' || i.provider_user_id = ?";

	/** How many accounts this identity, such as {@code facebook$1}, leads to: 0 or 1. */
	protected int users(String socialId) {
		return this.jdbc.queryForObject("select count(*) " + ACCOUNTS_OF_IDENTITY, Integer.class, socialId);
	}

	/** The account this identity leads to, as stored: its {@code users} row, by column name in any case. */
	protected Map<String, Object> account(String socialId) {
		return this.jdbc.queryForMap("select u.* " + ACCOUNTS_OF_IDENTITY, socialId);
	}

	protected int allUsers() {
		return this.jdbc.queryForObject("select count(*) from users", Integer.class);
	}

	/** The user's database id, which is also their principal name in sessions and remember-me tokens. */
	protected long userId(String socialId) {
		return this.jdbc.queryForObject("select u.id " + ACCOUNTS_OF_IDENTITY, Long.class, socialId);
	}

	/** How many sessions the user has, in any browser. */
	protected int sessionsOf(long userId) {
		return this.signedInSessions.count(Long.toString(userId));
	}

	/** How many "Keep me signed in" tokens the user has. */
	/** How many sign-ins with this provider the account's history holds. */
	protected int signInsOf(long userId, String provider) {
		return this.jdbc.queryForObject("select count(*) from sign_in_history where user_id = ? and provider = ?",
				Integer.class, userId, provider);
	}

	protected int tokensOf(long userId) {
		return this.jdbc.queryForObject("select count(*) from persistent_logins where username = ?", Integer.class,
				Long.toString(userId));
	}

	protected static FakePerson person(String id, String name, String email) {
		return new FakePerson(id, name, name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_"), email,
				null);
	}

}
