package io.github.oauthsignin.production;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.signin.BrowserBinding;
import io.github.oauthsignin.signin.oauth1.OAuth1AuthorizedClient;
import io.github.oauthsignin.signin.oauth1.OAuth1AuthorizedClientService;
import io.github.oauthsignin.support.KeptTokensTestSupport;
import io.github.oauthsignin.support.Flood;
import io.github.oauthsignin.support.Simultaneously;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.SoftwareAuthenticator;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the app on one real PostgreSQL server, as behind a load balancer without sticky sessions:
 * whatever the app remembers between requests (pending sign-ins, the security context) lives in the database, and
 * stays bounded there whatever strangers do. Facebook's and X's tokens are kept, so that their tables and encryption
 * run on PostgreSQL too.
 */
class TwoInstancesOnPostgresTests {

	private static EmbeddedPostgres postgres;

	private static StandInProviders standIns;

	private static FakeFacebook facebook;

	private static FakeTwitter twitter;

	private static String jdbcUrl;

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@BeforeAll
	static void startDatabaseAndProviders() throws IOException, SQLException {
		postgres = EmbeddedPostgres.builder().start();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database signin");
		}
		jdbcUrl = postgres.getJdbcUrl("postgres", "signin");
		standIns = StandInProviders.facebookAndTwitter("pg-app", "pg-app-secret", "pg-consumer", "pg-consumer-secret");
		facebook = standIns.fake("facebook", FakeFacebook.class);
		twitter = standIns.fake("twitter", FakeTwitter.class);
	}

	@AfterAll
	static void stopDatabaseAndProviders() throws IOException {
		standIns.close();
		postgres.close();
	}

	@BeforeEach
	void startInstances() {
		this.first = startInstance();
		this.second = startInstance();
	}

	@AfterEach
	void stopInstances() {
		this.first.close();
		this.second.close();
	}

	@Test
	void migrationsRanOnPostgres() {
		JdbcTemplate jdbc = this.first.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
		assertThat(jdbc.queryForList("select version from flyway_schema_history where success", String.class))
			.contains("1");
		assertThat(jdbc.queryForObject("select count(*) from spring_session", Integer.class)).isNotNull();
		assertThat(jdbc.queryForList("select id from installation", String.class)).as("written once, by V8")
			.singleElement()
			.satisfies((id) -> assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"));
	}

	@Test
	void facebookSignInStartedOnOneInstanceFinishesOnTheOther() {
		facebook.nextPerson(new FakePerson("5001", "Ada on Postgres", "x", "ada@example.com", null));
		TestBrowser browser = new TestBrowser(base(this.first));
		String callback = startSignIn(browser, this.first, "Facebook");
		TestBrowser.Page page = browser.follow(browser.get(onInstance(callback, this.second)));
		assertThat(page.uri().getPort()).isEqualTo(port(this.second));
		assertThat(page.greeting()).contains("Hi, Ada on Postgres!");
		assertThat(browser.open(base(this.first).resolve("/").toString()).greeting()).contains("Hi, Ada on Postgres!");
		assertThat(users("facebook$5001")).isEqualTo(1);
	}

	@Test
	void twitterSignInStartedOnOneInstanceFinishesOnTheOther() {
		twitter.nextPerson(new FakePerson("1456789012345675002", "Grace", "grace_on_pg", null, null));
		TestBrowser browser = new TestBrowser(base(this.second));
		String callback = startSignIn(browser, this.second, "X");
		TestBrowser.Page page = browser.follow(browser.get(onInstance(callback, this.first)));
		assertThat(page.uri().getPort()).isEqualTo(port(this.first));
		assertThat(page.greeting()).contains("Hi, Grace!");
		assertThat(twitter.refusals()).isEmpty();
		assertThat(users("twitter$1456789012345675002")).isEqualTo(1);
	}

	@Test
	void signOutOnOneInstanceIsSeenByTheOther() {
		facebook.nextPerson(new FakePerson("5003", "Alan", "x", null, null));
		TestBrowser browser = new TestBrowser(base(this.first));
		browser.follow(browser.get(startSignIn(browser, this.first, "Facebook")));
		TestBrowser.Page onSecond = browser.open(base(this.second).resolve("/").toString());
		assertThat(onSecond.greeting()).contains("Hi, Alan!");
		browser.pressAndFollow(onSecond, "Sign out");
		assertThat(browser.open(base(this.first).resolve("/").toString()).greeting()).isEmpty();
	}

	@Test
	void signOutOfAllOtherSessionsOnOneInstanceEndsThemOnEveryInstanceAtOnce() {
		FakePerson ada = new FakePerson("5016", "Everywhere Ada", "x", null, null);
		TestBrowser laptop = signedIn(this.first, ada, true);
		TestBrowser phone = signedIn(this.second, ada, true);
		TestBrowser tablet = signedIn(this.first, ada, false);
		assertThat(greeting(phone, this.first)).contains("Hi, Everywhere Ada!");
		assertThat(greeting(laptop, this.second)).contains("Hi, Everywhere Ada!");
		String id = Long.toString(this.first.getBean(JdbcTemplate.class)
			.queryForObject("select user_id from identities where provider_user_id = '5016'", Long.class));
		assertThat(rows("spring_session", "principal_name", id)).isEqualTo(3);
		assertThat(rows("persistent_logins", "username", id)).isEqualTo(2);

		TestBrowser.Page account = laptop.open(base(this.second).resolve("/account").toString());
		assertThat(laptop.pressAndFollow(account, "Sign out of all other sessions").message())
			.contains("You are signed out of all other sessions, and \u201cKeep me signed in\u201d has ended in every "
					+ "other browser.");

		for (ConfigurableApplicationContext instance : List.of(this.first, this.second)) {
			assertThat(greeting(phone, instance)).isEmpty();
			assertThat(greeting(tablet, instance)).isEmpty();
			assertThat(greeting(laptop, instance)).contains("Hi, Everywhere Ada!");
		}
		phone.restart();
		assertThat(greeting(phone, this.first)).as("its token ended too").isEmpty();
		assertThat(rows("spring_session", "principal_name", id)).isOne();
		assertThat(rows("persistent_logins", "username", id)).as("the laptop's new one").isOne();
		laptop.restart();
		assertThat(greeting(laptop, this.first)).contains("Hi, Everywhere Ada!");
	}

	@Test
	void sessionsSurviveARestartOfEveryInstance() {
		facebook.nextPerson(new FakePerson("5004", "Margaret", "x", null, null));
		TestBrowser browser = new TestBrowser(base(this.first));
		browser.follow(browser.get(startSignIn(browser, this.first, "Facebook")));
		this.first.close();
		this.second.close();
		this.first = startInstance();
		this.second = startInstance();
		assertThat(browser.open(base(this.first).resolve("/").toString()).greeting()).contains("Hi, Margaret!");
		assertThat(browser.open(base(this.second).resolve("/").toString()).greeting()).contains("Hi, Margaret!");
	}

	@Test
	void manySimultaneousFirstSignInsOnBothInstancesLeaveOneUserAndSignEveryBrowserIn() throws Exception {
		facebook.nextPerson(new FakePerson("5005", "Racing Person", "x", null, null));
		int browsers = 12;
		List<TestBrowser> all = new ArrayList<>();
		List<String> callbacks = new ArrayList<>();
		for (int i = 0; i < browsers; i++) {
			ConfigurableApplicationContext instance = (i % 2 == 0) ? this.first : this.second;
			TestBrowser browser = new TestBrowser(base(instance));
			all.add(browser);
			callbacks.add(startSignIn(browser, instance, "Facebook"));
		}
		for (TestBrowser.Page page : Simultaneously.follow(all, callbacks)) {
			assertThat(page.greeting()).contains("Hi, Racing Person!");
		}
		assertThat(users("facebook$5005")).isEqualTo(1);
	}

	/** A browser signed in with Facebook on this instance, as this person, with "Keep me signed in" or not. */
	private static TestBrowser signedIn(ConfigurableApplicationContext instance, FakePerson person,
			boolean rememberMe) {
		facebook.nextPerson(person);
		TestBrowser browser = new TestBrowser(base(instance));
		TestBrowser.Page home = browser.open(base(instance).resolve("/").toString());
		Map<String, String> fields = rememberMe ? Map.of("remember-me", "true") : Map.of();
		assertThat(browser.follow(browser.press(home, "Sign in with Facebook", fields)).greeting())
			.contains("Hi, " + person.name() + "!");
		return browser;
	}

	private static Optional<String> greeting(TestBrowser browser, ConfigurableApplicationContext instance) {
		return browser.open(base(instance).resolve("/").toString()).greeting();
	}

	private int rows(String table, String column, String value) {
		return this.first.getBean(JdbcTemplate.class)
			.queryForObject("select count(*) from " + table + " where " + column + " = ?", Integer.class, value);
	}

	@Test
	void keptTokensWhenKeptOnOneInstanceThenReadOnTheOtherEncryptedAndForgottenThere() {
		facebook.nextPerson(new FakePerson("5006", "Kept on Postgres", "x", null, null));
		twitter.nextPerson(new FakePerson("1456789012345675006", "Kept on Postgres", "kept_on_pg", null, null));
		TestBrowser browser = new TestBrowser(base(this.first));
		browser.follow(browser.get(startSignIn(browser, this.first, "Facebook")));
		browser.pressAndFollow(browser.open(base(this.first).resolve("/account").toString()), "Connect X");
		String userId = this.first.getBean(JdbcTemplate.class)
			.queryForObject("select user_id from identities where provider = 'facebook' and provider_user_id = '5006'",
					String.class);
		OAuth2AuthorizedClient kept = this.second.getBean(OAuth2AuthorizedClientService.class)
			.loadAuthorizedClient("facebook", userId);
		List<String> facebookTokens = facebook.issuedAccessTokens();
		assertThat(kept.getAccessToken().getTokenValue()).isEqualTo(facebookTokens.get(facebookTokens.size() - 1));
		assertThat(kept.getAccessToken().getExpiresAt()).isAfter(kept.getAccessToken().getIssuedAt());
		OAuth1AuthorizedClient x = this.second.getBean(OAuth1AuthorizedClientService.class)
			.loadAuthorizedClient("twitter", userId);
		assertThat(twitter.isActive(x.accessToken().token())).isTrue();
		String stored = this.first.getBean(JdbcTemplate.class)
			.queryForList("select encode(access_token_value, 'escape') from oauth2_authorized_client "
					+ "where principal_name = ? union all select encode(token_value, 'escape') || "
					+ "encode(token_secret, 'escape') from oauth1_authorized_client where principal_name = ?",
					String.class, userId, userId)
			.toString();
		assertThat(stored).doesNotContain(kept.getAccessToken().getTokenValue())
			.doesNotContain(x.accessToken().token())
			.doesNotContain(x.accessToken().secret());

		TestBrowser onSecond = new TestBrowser(base(this.second));
		browser.copyCookiesTo(onSecond);
		onSecond.pressAndFollow(onSecond.open(base(this.second).resolve("/account").toString()), "Forget X access");

		assertThat(twitter.isActive(x.accessToken().token())).isFalse();
		assertThat(this.first.getBean(OAuth1AuthorizedClientService.class).loadAuthorizedClient("twitter", userId))
			.isNull();
		assertThat(this.first.getBean(OAuth2AuthorizedClientService.class)
			.<OAuth2AuthorizedClient>loadAuthorizedClient("facebook", userId)).isNotNull();
	}

	@Test
	void pendingFloodFromManyAddressesOnBothInstancesStaysBoundedAndAnHonestStartOnOneFinishesOnTheOther() {
		this.first.close();
		this.second.close();
		// The flood comes from many client addresses, which the instances take from the proxy's X-Forwarded-For.
		String[] flooded = { "--signin.pending.max-total=40", "--server.forward-headers-strategy=native",
				"--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1" };
		this.first = startInstance(flooded);
		this.second = startInstance(flooded);
		JdbcTemplate jdbc = this.first.getBean(JdbcTemplate.class);
		int sessions = jdbc.queryForObject("select count(*) from spring_session", Integer.class);

		Flood.Statuses starts = new Flood(List.of(base(this.first), base(this.second)), 4)
			.abandonedStarts("facebook", 400, 80);
		assertThat(starts.of(302)).as("every start answered %s", starts).isEqualTo(400);
		assertThat(jdbc.queryForObject("select count(*) from pending_sign_ins", Integer.class))
			.as("at most max-total, and a tenth of it per instance between two trims").isBetween(40, 48);
		assertThat(jdbc.queryForObject("select count(*) from spring_session", Integer.class)).isEqualTo(sessions);

		facebook.nextPerson(new FakePerson("5026", "Honest Hana", "x", null, null));
		TestBrowser browser = new TestBrowser(base(this.first));
		String callback = startSignIn(browser, this.first, "Facebook");
		assertThat(browser.follow(browser.get(onInstance(callback, this.second))).greeting())
			.contains("Hi, Honest Hana!");
		assertThat(jdbc.queryForObject("select count(*) from spring_session", Integer.class)).isEqualTo(sessions + 1);
	}

	@Test
	void passkeyAddedOnOneInstanceSignsInOnTheOtherOnceForEachChallenge() {
		facebook.nextPerson(new FakePerson("5101", "Pia Passkey", "x", null, null));
		TestBrowser browser = new TestBrowser(base(this.first));
		browser.follow(browser.get(onInstance(startSignIn(browser, this.first, "Facebook"), this.first)));
		SoftwareAuthenticator authenticator = new SoftwareAuthenticator("localhost");
		TestBrowser.Page account = addPasskey(browser, this.first, authenticator);
		browser.post(base(this.first).resolve("/logout").toString(),
				Map.of("_csrf", account.document().selectFirst("meta[name=_csrf]").attr("content")));
		browser.clearCookies();

		// Signed out, with a new browser: the challenge from one instance, the answer to the other.
		String challenge = json(browser.post(base(this.first).resolve("/passkey/options").toString(), Map.of()))
			.get("challenge")
			.asString();
		String answer = authenticator.signIn(challenge, origin(this.second));
		HttpResponse<String> signedIn = browser.fetch(base(this.second).resolve("/passkey/sign-in").toString(), answer,
				Map.of());
		assertThat(browser.open(base(this.second).resolve(json(signedIn).get("redirect").asString()).toString())
			.greeting()).contains("Hi, Pia Passkey!");
		assertThat(this.first.getBean(JdbcTemplate.class)
			.queryForObject("select count(*) from sign_in_history where provider = 'passkey'", Integer.class))
			.isEqualTo(1);

		// The same answer again, on either instance, from a signed-out browser with the same binding cookie: its
		// challenge was used.
		TestBrowser replaying = new TestBrowser(base(this.first));
		replaying.setCookie(BrowserBinding.COOKIE, browser.cookie(BrowserBinding.COOKIE).orElseThrow().getValue());
		for (ConfigurableApplicationContext instance : List.of(this.first, this.second)) {
			HttpResponse<String> replayed = replaying.fetch(base(instance).resolve("/passkey/sign-in").toString(),
					answer, Map.of());
			assertThat(json(replayed).get("redirect").asString()).isEqualTo("/");
		}
	}

	@Test
	void passkeyAnswerWhenForAnotherSiteOrWithoutUserVerificationThenNobodySignedIn() {
		facebook.nextPerson(new FakePerson("5102", "Quinn Passkey", "x", null, null));
		TestBrowser browser = new TestBrowser(base(this.second));
		browser.follow(browser.get(onInstance(startSignIn(browser, this.second, "Facebook"), this.second)));
		SoftwareAuthenticator authenticator = new SoftwareAuthenticator("localhost");
		addPasskey(browser, this.second, authenticator);
		browser.clearCookies();

		for (boolean otherSite : List.of(true, false)) {
			String challenge = json(browser.post(base(this.second).resolve("/passkey/options").toString(), Map.of()))
				.get("challenge")
				.asString();
			String answer = otherSite ? authenticator.signIn(challenge, origin(this.second), "evil.example", true)
					: authenticator.signIn(challenge, origin(this.second), "localhost", false);
			HttpResponse<String> refused = browser.fetch(base(this.second).resolve("/passkey/sign-in").toString(),
					answer, Map.of());
			TestBrowser.Page home = browser.open(base(this.second).resolve(json(refused).get("redirect").asString())
				.toString());
			assertThat(home.greeting()).isEmpty();
			assertThat(home.message()).contains(
					"That passkey answer did not pass our checks, so nobody was signed in. Please try again.");
		}
	}

	/**
	 * Adds a passkey to the account signed in to this browser, as the account page's script does, on this instance.
	 * @return the account page it was added from
	 */
	private static TestBrowser.Page addPasskey(TestBrowser browser, ConfigurableApplicationContext instance,
			SoftwareAuthenticator authenticator) {
		TestBrowser.Page account = browser.open(base(instance).resolve("/account").toString());
		Map<String, String> csrf = Map.of(account.document().selectFirst("meta[name=_csrf_header]").attr("content"),
				account.document().selectFirst("meta[name=_csrf]").attr("content"));
		JsonNode creation = json(browser.fetch(base(instance).resolve("/account/passkeys/options").toString(), "{}",
				csrf));
		HttpResponse<String> added = browser.fetch(base(instance).resolve("/account/passkeys").toString(),
				authenticator.register(creation.get("challenge").asString(), creation.get("user").get("id").asString(),
						origin(instance)),
				csrf);
		assertThat(browser.open(base(instance).resolve(json(added).get("redirect").asString()).toString()).message())
			.contains("Your passkey has been added. You can now sign in with it.");
		return account;
	}

	private static JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	private static String origin(ConfigurableApplicationContext instance) {
		return "http://localhost:" + port(instance);
	}

	private String startSignIn(TestBrowser browser, ConfigurableApplicationContext instance, String provider) {
		return browser.callbackFor(base(instance).resolve("/").toString(), provider);
	}

	private int users(String socialId) {
		return this.first.getBean(JdbcTemplate.class)
			.queryForObject("select count(*) from identities where provider || '$' || provider_user_id = ?",
				Integer.class, socialId);
	}

	private ConfigurableApplicationContext startInstance(String... settings) {
		// As command-line arguments: they win over every properties file, as the environment does in production.
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + jdbcUrl,
				"--signin.tokens.key=" + KeptTokensTestSupport.KEY, "--signin.providers.facebook.keep-tokens=true",
				"--signin.providers.twitter.keep-tokens=true"));
		arguments.addAll(standIns.arguments());
		arguments.addAll(List.of(settings));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SignInApplication.class)
			.run(arguments.toArray(String[]::new));
		standIns.allowCallbacksAt(base(context).toString());
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static URI base(ConfigurableApplicationContext context) {
		return URI.create("http://localhost:" + port(context) + "/");
	}

	/** The provider's redirect back, as a load balancer might route it: to the other instance. */
	private static String onInstance(String callback, ConfigurableApplicationContext instance) {
		return UriComponentsBuilder.fromUriString(callback).port(port(instance)).build(true).toUriString();
	}

}
