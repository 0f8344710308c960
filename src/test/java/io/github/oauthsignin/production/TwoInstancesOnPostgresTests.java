package io.github.oauthsignin.production;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.support.Flood;
import io.github.oauthsignin.support.Simultaneously;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the app on one real PostgreSQL server, as behind a load balancer without sticky sessions:
 * whatever the app remembers between requests (pending sign-ins, the security context) lives in the database, and
 * stays bounded there whatever strangers do.
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

		facebook.nextPerson(new FakePerson("5006", "Honest Hana", "x", null, null));
		TestBrowser browser = new TestBrowser(base(this.first));
		String callback = startSignIn(browser, this.first, "Facebook");
		assertThat(browser.follow(browser.get(onInstance(callback, this.second))).greeting())
			.contains("Hi, Honest Hana!");
		assertThat(jdbc.queryForObject("select count(*) from spring_session", Integer.class)).isEqualTo(sessions + 1);
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
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + jdbcUrl));
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
