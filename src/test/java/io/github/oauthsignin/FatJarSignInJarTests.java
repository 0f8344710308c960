package io.github.oauthsignin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.support.Directories;
import io.github.oauthsignin.support.JarProcess;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged fat jar, started with {@code java -jar} and configured only by the documented environment variables
 * and properties, signs people in against independent strict stand-ins for Facebook and X, keeps them across a
 * restart, and holds the security properties that matter from the outside. Run by Failsafe after
 * {@code package}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FatJarSignInJarTests {

	private static final String FACEBOOK_SECRET = "jar-app-secret-never-shown";

	private static final String TWITTER_SECRET = "jar-consumer-secret-never-shown";

	private static StandInProviders standIns;

	private static FakeFacebook facebook;

	private static FakeTwitter twitter;

	private static Path workDirectory;

	private static JarProcess app;

	@BeforeAll
	static void startProvidersAndJar() throws Exception {
		standIns = StandInProviders.facebookAndTwitter("jar-app", FACEBOOK_SECRET, "jar-consumer", TWITTER_SECRET);
		facebook = standIns.fake("facebook", FakeFacebook.class);
		twitter = standIns.fake("twitter", FakeTwitter.class);
		workDirectory = Files.createTempDirectory("signin-jar");
		// The credentials as the documented environment variables, the endpoints as arguments.
		app = new JarProcess(workDirectory, standIns.credentialVariables(),
				StandInProviders.arguments(standIns.settings()));
		standIns.allowCallbacksAt(base());
		startJar();
	}

	@AfterAll
	static void stopEverything() throws IOException, InterruptedException {
		stopJar();
		standIns.close();
		Directories.deleteRecursively(workDirectory);
	}

	@Test
	@Order(1)
	void facebookSignInThroughTheJarGreetsAndRegisters() {
		facebook.nextPerson(new FakePerson("8001", "Jar Ada", "x", "ada@example.com", null));
		TestBrowser browser = browser();
		assertThat(browser.pressAndFollow(browser.open("/"), "Sign in with Facebook").greeting())
			.contains("Hi, Jar Ada!");
		browser.pressAndFollow(browser.open("/"), "Sign out");
		assertThat(browser.open("/").greeting()).isEmpty();
	}

	@Test
	@Order(2)
	void facebookSignInWithoutEmailThroughTheJar() {
		facebook.nextPerson(new FakePerson("8002", "Jar Alan", "x", null, null));
		TestBrowser browser = browser();
		assertThat(browser.pressAndFollow(browser.open("/"), "Sign in with Facebook").greeting())
			.contains("Hi, Jar Alan!");
	}

	@Test
	@Order(3)
	void twitterSignInThroughTheJarSignsEveryRequestAndCallsEachEndpointOnce() {
		twitter.reset();
		twitter.nextPerson(new FakePerson("1456789012345678008", "Jar Grace", "jar_grace", "grace@example.com", null));
		TestBrowser browser = browser();
		assertThat(browser.pressAndFollow(browser.open("/"), "Sign in with X").greeting())
			.contains("Hi, Jar Grace!");
		assertThat(twitter.calls()).containsEntry(FakeTwitter.REQUEST_TOKEN, 1)
			.containsEntry(FakeTwitter.ACCESS_TOKEN, 1)
			.containsEntry(FakeTwitter.VERIFY_CREDENTIALS, 1);
		assertThat(twitter.verifiedSignatures()).isEqualTo(3);
		assertThat(twitter.refusals()).isEmpty();
	}

	@Test
	@Order(4)
	void failuresThroughTheJarEndOnTheHomePageWithTheirMessage() {
		facebook.denyNext();
		assertThat(signIn("Facebook").message()).contains("You cancelled signing in with Facebook.");
		twitter.denyNext();
		assertThat(signIn("X").message()).contains("You cancelled signing in with X.");
		facebook.failNext(FakeFacebook.TOKEN, Fault.answer(Response.text(500, "down")));
		assertThat(signIn("Facebook").message()).contains("Facebook did not answer, please try again.");
		TestBrowser stranger = browser();
		assertThat(stranger.open("/callback/facebook?code=x&state=y").message())
			.contains("That sign-in link has expired or was not started here.");
		assertThat(stranger.open("/callback/myspace").status()).isEqualTo(404);
	}

	@Test
	@Order(5)
	void securityPropertiesHoldInTheJar() {
		facebook.reset();
		// Forged state: refused before any token call.
		TestBrowser browser = browser();
		String callback = browser.callbackFor("/", "Facebook");
		String forged = UriComponentsBuilder.fromUriString(callback).replaceQueryParam("state", "forged").build(true)
			.toUriString();
		assertThat(browser.follow(browser.get(forged)).message())
			.contains("That sign-in link has expired or was not started here.");
		assertThat(facebook.calls(FakeFacebook.TOKEN)).isZero();
		// Login CSRF: another site's form never reaches the provider, nor does the attacker's callback.
		TestBrowser victim = browser();
		assertThat(victim.follow(victim.postFrom("https://evil.example", "/authorize/facebook", Map.of())).message())
			.contains("That request came from another website, so nothing was done. To sign in or out, use the "
						+ "buttons on this page.");
		assertThat(facebook.calls(FakeFacebook.DIALOG)).isEqualTo(1);
		assertThat(victim.follow(victim.get(callback)).message())
			.contains("That sign-in link has expired or was not started here.");
		assertThat(facebook.calls(FakeFacebook.TOKEN)).isZero();
		// Open redirect: another origin goes home.
		TestBrowser returning = browser();
		TestBrowser.Page landed = returning.follow(
				returning.press(returning.open("/"), "Sign in with Facebook", Map.of("next", "//evil.example")));
		assertThat(landed.uri().getHost()).isEqualTo("localhost");
		assertThat(landed.uri().getPath()).isEqualTo("/");
		// Headers and cookies: a visitor's page sets none; a start sets one that only this site's requests carry.
		TestBrowser visitor = browser();
		HttpResponse<String> home = visitor.get("/");
		// The home page runs the app's one script (the passkey button), and no other.
		assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self';");
		assertThat(home.headers().firstValue("X-Frame-Options")).contains("DENY");
		assertThat(home.headers().firstValue("Referrer-Policy")).contains("no-referrer");
		assertThat(home.headers().allValues("Set-Cookie")).isEmpty();
		HttpResponse<String> started = visitor.press(visitor.open("/"), "Sign in with Facebook", Map.of());
		assertThat(started.headers().allValues("Set-Cookie")).singleElement()
			.satisfies((cookie) -> assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
	}

	@Test
	@Order(6)
	void healthIsPublicAndNothingElseOfTheActuator() {
		TestBrowser browser = browser();
		HttpResponse<String> health = browser.get("/healthz");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\"");
		assertThat(browser.get("/livez").statusCode()).isEqualTo(200);
		assertThat(browser.get("/readyz").statusCode()).isEqualTo(200);
		assertThat(browser.get("/actuator/health").statusCode()).isEqualTo(404);
		assertThat(browser.get("/actuator/info").statusCode()).isEqualTo(404);
		assertThat(browser.get("/actuator/env").statusCode()).isNotEqualTo(200);
		assertThat(browser.get("/actuator/beans").statusCode()).isNotEqualTo(200);
	}

	@Test
	@Order(7)
	void logsHoldNoSecretOrToken() throws IOException {
		String logs = app.logs();
		assertThat(logs).contains("Signed in with facebook: new user").contains("Signed in with twitter: new user");
		List<String> secrets = new ArrayList<>(List.of(FACEBOOK_SECRET, TWITTER_SECRET));
		secrets.addAll(facebook.issuedAccessTokens());
		secrets.addAll(twitter.issuedSecrets());
		for (String secret : secrets) {
			assertThat(logs).doesNotContain(secret);
		}
		assertThat(logs).doesNotContain("Exception");
	}

	@Test
	@Order(8)
	void usersAndSessionsAreKeptAcrossARestart() throws Exception {
		facebook.nextPerson(new FakePerson("8009", "Jar Margaret", "x", "margaret@example.com", null));
		TestBrowser browser = browser();
		assertThat(browser.pressAndFollow(browser.open("/"), "Sign in with Facebook").greeting())
			.contains("Hi, Jar Margaret!");
		stopJar();
		try (Connection connection = DriverManager.getConnection(
				"jdbc:h2:file:" + workDirectory.resolve("data/oauth-signin"), "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(
						"select i.provider || '$' || i.provider_user_id as social_id, u.nickname, u.email "
								+ "from users u join identities i on i.user_id = u.id "
								+ "where i.provider_user_id like '800%' or i.provider = 'twitter' order by social_id")) {
			List<String> found = new ArrayList<>();
			while (rows.next()) {
				found.add(rows.getString(1) + "|" + rows.getString(2) + "|" + rows.getString(3));
			}
			assertThat(found).containsExactly("facebook$8001|Jar Ada|ada@example.com", "facebook$8002|Jar Alan|null",
					"facebook$8009|Jar Margaret|margaret@example.com",
					"twitter$1456789012345678008|Jar Grace|grace@example.com");
		}
		startJar();
		assertThat(browser.open("/").greeting()).contains("Hi, Jar Margaret!");
	}

	private static TestBrowser.Page signIn(String provider) {
		TestBrowser browser = browser();
		return browser.pressAndFollow(browser.open("/"), "Sign in with " + provider);
	}

	private static TestBrowser browser() {
		return new TestBrowser(URI.create(base() + "/"));
	}

	private static String base() {
		return app.baseUri();
	}

	private static void startJar() throws Exception {
		app.start();
	}

	private static void stopJar() throws InterruptedException {
		app.stop();
	}

}
