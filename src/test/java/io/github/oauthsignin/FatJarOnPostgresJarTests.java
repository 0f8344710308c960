package io.github.oauthsignin;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.support.Directories;
import io.github.oauthsignin.support.JarProcess;
import io.github.oauthsignin.support.Ports;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fat jar run twice against one real PostgreSQL, configured by environment variables alone (the ones
 * docs/DEPLOY.md documents, and the relaxed-binding forms of the endpoint properties for the stand-in providers):
 * sign-ins cross instances, sign-out is seen everywhere, the database can go away and come back, and sessions
 * survive a restart of both.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FatJarOnPostgresJarTests {

	private static EmbeddedPostgres postgres;

	private static int databasePort;

	private static Path workDirectory;

	private static StandInProviders standIns;

	private static FakeFacebook facebook;

	private static FakeTwitter twitter;

	private static JarProcess first;

	private static JarProcess second;

	private static final TestBrowser browser = new TestBrowser(URI.create("http://localhost/"));

	@BeforeAll
	static void start() throws Exception {
		workDirectory = Files.createTempDirectory("signin-jar-pg");
		databasePort = Ports.free();
		postgres = startPostgres();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database signin");
		}
		standIns = StandInProviders.facebookAndTwitter("pg-jar-app", "pg-jar-secret", "pg-jar-consumer",
				"pg-jar-consumer-secret");
		facebook = standIns.fake("facebook", FakeFacebook.class);
		twitter = standIns.fake("twitter", FakeTwitter.class);
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + databasePort + "/signin");
		environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
		environment.put("SPRING_DATASOURCE_PASSWORD", "postgres");
		environment.putAll(standIns.environment());
		first = new JarProcess(Files.createDirectories(workDirectory.resolve("first")), environment, List.of());
		second = new JarProcess(Files.createDirectories(workDirectory.resolve("second")), environment, List.of());
		for (JarProcess instance : List.of(first, second)) {
			standIns.allowCallbacksAt(instance.baseUri());
		}
		first.start();
		second.start();
	}

	@AfterAll
	static void stop() throws Exception {
		first.close();
		second.close();
		standIns.close();
		postgres.close();
		Directories.deleteRecursively(workDirectory);
	}

	@Test
	@Order(1)
	void healthSaysUpWithTheDatabase() {
		var health = browser.get(first.baseUri() + "/healthz");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"db\":{\"status\":\"UP\"}");
	}

	@Test
	@Order(2)
	void facebookSignInStartedOnOneJarFinishesOnTheOther() {
		facebook.nextPerson(new FakePerson("9001", "Pg Jar Ada", "x", null, null));
		String callback = startSignIn(first, "Facebook");
		TestBrowser.Page page = browser.follow(browser.get(on(second, callback)));
		assertThat(page.uri().toString()).startsWith(second.baseUri());
		assertThat(page.greeting()).contains("Hi, Pg Jar Ada!");
		assertThat(browser.open(first.baseUri() + "/").greeting()).contains("Hi, Pg Jar Ada!");
	}

	@Test
	@Order(3)
	void signOutOnOneJarIsSeenByTheOther() {
		browser.pressAndFollow(browser.open(second.baseUri() + "/"), "Sign out");
		assertThat(browser.open(first.baseUri() + "/").greeting()).isEmpty();
	}

	@Test
	@Order(4)
	void twitterSignInStartedOnOneJarFinishesOnTheOther() {
		twitter.nextPerson(new FakePerson("1456789012345679002", "Pg", "pg_jar_grace", null, null));
		String callback = startSignIn(second, "X");
		TestBrowser.Page page = browser.follow(browser.get(on(first, callback)));
		assertThat(page.greeting()).contains("Hi, Pg!");
		assertThat(twitter.refusals()).isEmpty();
	}

	@Test
	@Order(5)
	void databaseDownThenPagesAnswerQuicklyWithoutStackTraceAndRecoverWithoutRestart() throws Exception {
		postgres.close();
		long started = System.nanoTime();
		TestBrowser.Page down = browser.open(first.baseUri() + "/");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
		assertThat(down.status()).isEqualTo(503);
		assertThat(down.document().text()).contains("Temporarily unavailable").doesNotContain("Exception");
		assertThat(browser.get(second.baseUri() + "/healthz").statusCode()).isEqualTo(503);

		postgres = startPostgres();

		TestBrowser.Page back = awaitRecovery(first);
		assertThat(back.greeting()).contains("Hi, Pg!");
		awaitRecovery(second);
		browser.pressAndFollow(browser.open(first.baseUri() + "/"), "Sign out");
		facebook.nextPerson(new FakePerson("9003", "After The Outage", "x", null, null));
		String callback = startSignIn(second, "Facebook");
		assertThat(browser.follow(browser.get(callback)).greeting()).contains("Hi, After The Outage!");
		assertThat(first.logs() + second.logs()).doesNotContain("pg-jar-secret").doesNotContain("pg-jar-consumer-secret");
	}

	@Test
	@Order(6)
	void sessionsSurviveARestartOfBothJars() throws Exception {
		first.stop();
		second.stop();
		first.start();
		second.start();
		assertThat(browser.open(first.baseUri() + "/").greeting()).contains("Hi, After The Outage!");
		assertThat(browser.open(second.baseUri() + "/").greeting()).contains("Hi, After The Outage!");
	}

	/** The pool reconnects by itself, within seconds: poll the home page until it answers again. */
	private static TestBrowser.Page awaitRecovery(JarProcess instance) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		TestBrowser.Page page = browser.open(instance.baseUri() + "/");
		while (page.status() != 200 && System.nanoTime() < deadline) {
			Thread.sleep(500);
			page = browser.open(instance.baseUri() + "/");
		}
		assertThat(page.status()).as("the home page once the database is back").isEqualTo(200);
		return page;
	}

	private static String startSignIn(JarProcess instance, String provider) {
		return browser.callbackFor(instance.baseUri() + "/", provider);
	}

	/** The provider's redirect back, routed (as a load balancer might) to another instance. */
	private static String on(JarProcess instance, String callback) {
		URI target = URI.create(instance.baseUri());
		return UriComponentsBuilder.fromUriString(callback).port(target.getPort()).build(true).toUriString();
	}

	private static EmbeddedPostgres startPostgres() throws IOException {
		return EmbeddedPostgres.builder()
			.setPort(databasePort)
			.setDataDirectory(workDirectory.resolve("postgres"))
			.setCleanDataDirectory(false)
			.start();
	}

}
