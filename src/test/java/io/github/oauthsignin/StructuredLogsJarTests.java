package io.github.oauthsignin;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 * The fat jar with Spring Boot's structured logging switched on by its one documented setting
 * ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}): every line it writes is a JSON object, every sign-in line carries
 * provider, outcome and user id as fields of their own, and no line carries a secret, an authorization code, a token
 * or an email address. Its own JVM, because the logging system is set up once per JVM. Run by Failsafe after
 * {@code package}.
 */
class StructuredLogsJarTests {

	private static final String FACEBOOK_SECRET = "json-app-secret-never-logged";

	private static final String TWITTER_SECRET = "json-consumer-secret-never-logged";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static StandInProviders standIns;

	private static FakeFacebook facebook;

	private static FakeTwitter twitter;

	private static Path workDirectory;

	private static JarProcess app;

	/** What the sign-ins below sent through the app that must never be logged: codes and email addresses. */
	private static final List<String> neverLogged = new ArrayList<>();

	@BeforeAll
	static void startProvidersAndJar() throws Exception {
		standIns = StandInProviders.facebookAndTwitter("json-app", FACEBOOK_SECRET, "json-consumer", TWITTER_SECRET);
		facebook = standIns.fake("facebook", FakeFacebook.class);
		twitter = standIns.fake("twitter", FakeTwitter.class);
		workDirectory = Files.createTempDirectory("signin-json-logs");
		Map<String, String> environment = new LinkedHashMap<>(standIns.credentialVariables());
		environment.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
		app = new JarProcess(workDirectory, environment, StandInProviders.arguments(standIns.settings()));
		standIns.allowCallbacksAt(app.baseUri());
		app.start();
	}

	@AfterAll
	static void stopEverything() throws IOException, InterruptedException {
		app.stop();
		standIns.close();
		Directories.deleteRecursively(workDirectory);
	}

	@Test
	void logsWhenStructuredThenEveryLineIsJsonAndSignInLinesCarryProviderOutcomeAndUserId() throws IOException {
		signInsThatEndEveryWay("91");

		List<JsonNode> lines = lines();

		assertThat(lines).allSatisfy((line) -> assertThat(line.path("message").isString()).isTrue());
		List<JsonNode> signIns = lines.stream().filter((line) -> line.has("outcome")).toList();
		assertThat(signIns).extracting((line) -> line.path("provider").asString() + ":" + line.path("outcome").asString())
			.contains("facebook:success_new", "facebook:success_returning", "twitter:success_new", "facebook:cancelled",
					"facebook:expired", "facebook:provider_failed");
		assertThat(signIns).filteredOn((line) -> line.path("outcome").asString().startsWith("success"))
			.allSatisfy((line) -> assertThat(line.path("user_id").asLong()).isPositive());
		assertThat(signIns).allSatisfy((line) -> assertThat(line.path("log").path("logger").asString())
			.startsWith("io.github.oauthsignin.signin."));
	}

	@Test
	void logsWhenStructuredThenNoSecretCodeTokenOrEmailAnywhere() throws IOException {
		signInsThatEndEveryWay("92");

		String logs = app.logs();

		List<String> secrets = new ArrayList<>(List.of(FACEBOOK_SECRET, TWITTER_SECRET));
		secrets.addAll(facebook.issuedAccessTokens());
		secrets.addAll(twitter.issuedSecrets());
		secrets.addAll(neverLogged);
		assertThat(secrets).hasSizeGreaterThan(8);
		assertThat(secrets).allSatisfy((secret) -> assertThat(logs).doesNotContain(secret));
		assertThat(logs).doesNotContainPattern("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
	}

	/** Sign-ins that succeed (new and returning, both providers), are cancelled, expire and fail at the provider. */
	private static void signInsThatEndEveryWay(String prefix) {
		FakePerson ada = new FakePerson(prefix + "01", "Json Ada", "x", "ada." + prefix + "@example.com", null);
		facebook.nextPerson(ada);
		signInThroughCallback("Facebook");
		facebook.nextPerson(ada);
		signInThroughCallback("Facebook");
		twitter.nextPerson(new FakePerson("14567890123456780" + prefix, "Json Grace", "json_grace",
				"grace." + prefix + "@example.com", null));
		assertThat(signIn("X").greeting()).isPresent();
		neverLogged.add("ada." + prefix + "@example.com");
		neverLogged.add("grace." + prefix + "@example.com");
		facebook.denyNext();
		assertThat(signIn("Facebook").message()).contains("You cancelled signing in with Facebook.");
		assertThat(browser().open("/callback/facebook?code=forged-code-" + prefix + "&state=y").message())
			.contains("That sign-in link has expired or was not started here.");
		neverLogged.add("forged-code-" + prefix);
		facebook.failNext(FakeFacebook.TOKEN, Fault.answer(Response.text(500, "down")));
		assertThat(signIn("Facebook").message()).contains("Facebook did not answer, please try again.");
	}

	/** A Facebook sign-in whose authorization code is kept, to check that no log line holds it. */
	private static void signInThroughCallback(String provider) {
		TestBrowser browser = browser();
		String callback = browser.callbackFor("/", provider);
		neverLogged.add(UriComponentsBuilder.fromUriString(callback).build().getQueryParams().getFirst("code"));
		assertThat(browser.open(callback).greeting()).isPresent();
	}

	private static List<JsonNode> lines() throws IOException {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : app.logs().split("\n")) {
			if (!line.isBlank()) {
				lines.add(json.readTree(line));
			}
		}
		return lines;
	}

	private static TestBrowser.Page signIn(String provider) {
		TestBrowser browser = browser();
		return browser.pressAndFollow(browser.open("/"), "Sign in with " + provider);
	}

	private static TestBrowser browser() {
		return new TestBrowser(URI.create(app.baseUri() + "/"));
	}

}
