package io.github.oauthsignin.signin.oauth2;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.support.StandIn;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the start-up log says about the configured providers, as an operator reads it: one line for each provider
 * that is on (id, name, protocol, issuer or endpoints) and a warning for each registration that is half-made, such as
 * an environment variable for an id with a {@code -} that binds to another id. And ids with {@code -} and {@code _}
 * work, spelled in a properties file or in {@code SPRING_APPLICATION_JSON}, the two ways the README gives.
 */
@ExtendWith(OutputCaptureExtension.class)
class RegistrationSettingsTests {

	private static final String ID = "my-corp_sso";

	private StandInProviders providers;

	private ConfigurableApplicationContext app;

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		if (this.providers != null) {
			this.providers.close();
		}
	}

	@Test
	void startWhenProvidersOnAndAVariableSpellsAnIdWithADashThenOneLineEachAndAWarningNamingTheIdAndWhatIsMissing(
			CapturedOutput output) {
		this.providers = StandInProviders.start(StandIn.facebook("log-app", "log-secret"),
				StandIn.twitter("log-key", "log-secret"),
				StandIn.openIdConnect("acme", "Acme ID", "acme-client", "acme-secret"));
		FakeOAuth2Provider acme = this.providers.fake("acme", FakeOAuth2Provider.class);
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_MY_CORP_CLIENTID", "corp-client");
		variables.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_MY_CORP_CLIENTSECRET", "corp-secret-do-not-log");
		this.app = start(variables, this.providers.arguments(),
				"--spring.security.oauth2.client.provider.lonely.issuer-uri=https://lonely.example");

		String log = output.getOut();
		assertThat(lines(log, "sign-in is on")).containsExactlyInAnyOrder(
				"Facebook sign-in is on: id facebook, OAuth 2, authorization " + this.providers.settings()
					.get("spring.security.oauth2.client.provider.facebook.authorization-uri") + ", token "
						+ this.providers.settings().get("spring.security.oauth2.client.provider.facebook.token-uri")
						+ ", user info "
						+ this.providers.settings().get("spring.security.oauth2.client.provider.facebook.user-info-uri"),
				"X sign-in is on: id twitter, OAuth 1.0a, request token "
						+ this.providers.settings().get("signin.twitter.request-token-uri") + ", authorize "
						+ this.providers.settings().get("signin.twitter.authorize-uri") + ", access token "
						+ this.providers.settings().get("signin.twitter.access-token-uri") + ", profile "
						+ this.providers.settings().get("signin.twitter.user-info-uri"),
				"Acme ID sign-in is on: id acme, OpenID Connect, issuer " + acme.issuer()
						+ " (its discovery document is fetched at the first sign-in)");
		assertThat(lines(log, "half-made")).containsExactlyInAnyOrder("Sign-in registration 'my' is half-made: "
				+ "spring.security.oauth2.client.registration.my.corp.clientid (environment variable "
				+ "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_MY_CORP_CLIENTID), "
				+ "spring.security.oauth2.client.registration.my.corp.clientsecret (environment variable "
				+ "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_MY_CORP_CLIENTSECRET) are not registration settings, and "
				+ "it has no client-id and no client-secret, so it is not used. An environment variable cannot spell "
				+ "'-' in an id (MY_CORP is 'my' and 'corp'): set such an id in SPRING_APPLICATION_JSON or a "
				+ "properties file (README, \"Add a provider\")",
				"Sign-in provider 'lonely' is half-made: spring.security.oauth2.client.provider.lonely.* is set, but "
						+ "no registration uses it, so it is not used: set "
						+ "spring.security.oauth2.client.registration.lonely.client-id and client-secret");
		assertThat(log).doesNotContain("corp-secret-do-not-log").doesNotContain("log-secret");
		assertThat(acme.calls()).doesNotContainKey(FakeOAuth2Provider.DISCOVERY);
	}

	@Test
	void idWithDashAndUnderscoreWhenSetInAPropertiesFileThenItsButtonSignsIn(@TempDir Path config)
			throws IOException {
		this.providers = StandInProviders.start(StandIn.openIdConnect(ID, "Corp SSO", "corp-client", "corp-secret"));
		List<String> lines = new ArrayList<>();
		this.providers.properties().forEach((name, value) -> lines.add(name + "=" + value));
		Files.write(config.resolve("application.properties"), lines);
		this.app = start(Map.of(), List.of(), "--spring.config.additional-location=file:" + config + "/");
		assertSignsInWithTheId();
	}

	@Test
	void idWithDashAndUnderscoreWhenSetInSpringApplicationJsonThenItsButtonSignsIn() {
		this.providers = StandInProviders.start(StandIn.openIdConnect(ID, "Corp SSO", "corp-client", "corp-secret"));
		Map<String, Object> tree = new LinkedHashMap<>();
		this.providers.properties().forEach((name, value) -> put(tree, name.split("\\.", 6), value));
		this.app = start(Map.of("SPRING_APPLICATION_JSON", JsonMapper.builder().build().writeValueAsString(tree)),
				List.of());
		assertSignsInWithTheId();
	}

	private void assertSignsInWithTheId() {
		String base = "http://localhost:" + ((WebServerApplicationContext) this.app).getWebServer().getPort();
		this.providers.allowCallbacksAt(base);
		FakeOAuth2Provider corp = this.providers.fake(ID, FakeOAuth2Provider.class);
		corp.nextPerson(new FakePerson("corp-1", "Corp Person", "corp", null, null));
		TestBrowser browser = new TestBrowser(URI.create(base + "/"));
		TestBrowser.Page page = browser.pressAndFollow(browser.open("/"), "Sign in with Corp SSO");
		assertThat(page.greeting()).contains("Hi, Corp Person!");
		assertThat(corp.lastAuthorizationRequest()).containsEntry("redirect_uri", base + "/callback/" + ID);
	}

	/**
	 * {@code spring.security.oauth2.client.registration.my-corp_sso.client-id} as nested JSON objects: the first five
	 * names, then the id, then the setting, so that the id is one key whatever it holds.
	 */
	@SuppressWarnings("unchecked")
	private static void put(Map<String, Object> tree, String[] path, String value) {
		Map<String, Object> node = tree;
		String[] keys = (path.length == 6 && path[5].contains("."))
				? new String[] { path[0], path[1], path[2], path[3], path[4],
						path[5].substring(0, path[5].lastIndexOf('.')), path[5].substring(path[5].lastIndexOf('.') + 1) }
				: path;
		for (int i = 0; i < keys.length - 1; i++) {
			node = (Map<String, Object>) node.computeIfAbsent(keys[i], (key) -> new LinkedHashMap<String, Object>());
		}
		node.put(keys[keys.length - 1], value);
	}

	/** Starts the app with these environment variables (instead of the machine's) and arguments. */
	private static ConfigurableApplicationContext start(Map<String, String> variables, List<String> arguments,
			String... more) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables)));
		List<String> all = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:settings-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
		all.addAll(arguments);
		all.addAll(List.of(more));
		return new SpringApplicationBuilder(SignInApplication.class).environment(environment)
			.run(all.toArray(String[]::new));
	}

	/** The messages of the log lines that contain this text. */
	private static List<String> lines(String log, String text) {
		return log.lines()
			.filter((line) -> line.contains(text))
			.map((line) -> line.substring(line.indexOf(" : ") + 3))
			.toList();
	}

}
