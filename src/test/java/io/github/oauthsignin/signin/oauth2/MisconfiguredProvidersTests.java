package io.github.oauthsignin.signin.oauth2;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.oauth2.Flavour;
import io.github.oauthsignin.support.StandIn;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider that cannot work as it is set up is named as such, not as an outage: the person reads "… is not set up
 * correctly", the log names both sides of the mismatch, and health marks that provider MISCONFIGURED from the first
 * failure on (without calling any provider), while the instance stays UP for its load balancer. Each test has a
 * provider of its own: an issuer configured with a trailing slash its discovery document does not have, an issuer
 * whose JWK Set holds no key to verify signatures with, and a client secret the token endpoint refuses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class MisconfiguredProvidersTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final StandInProviders providers = StandInProviders.start(
			openIdConnect("slash", "Slash ID", "right-secret", (fake) -> fake.issuer() + "/"),
			openIdConnect("nokeys", "Nokeys ID", "right-secret", FakeOAuth2Provider::issuer),
			openIdConnect("badsecret", "Badsecret ID", "wrong-secret", FakeOAuth2Provider::issuer));

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		providers.register(registry);
	}

	@BeforeEach
	void allowCallbacks() {
		providers.reset();
		providers.allowCallbacksAt(appUri());
	}

	@Test
	void issuerMismatchWhenDiscoveryNamesAnotherIssuerThenNotSetUpCorrectlyBothIssuersLoggedAndHealthSaysSo(
			CapturedOutput output) {
		String issuer = fake("slash").issuer();
		assertThat(providerStatus("slash")).isEqualTo("UP");

		assertNotSetUpCorrectly(signIn("Slash ID"), "Slash ID");

		assertThat(failureLines(output, "slash")).singleElement()
			.asString()
			.contains("Slash ID is not set up correctly")
			.contains("the configured issuer-uri is '" + issuer + "/'")
			.contains("names the issuer '" + issuer + "'");
		assertMisconfiguredButInstanceUp("slash");
		assertThat(fake("slash").calls()).doesNotContainKey(FakeOAuth2Provider.AUTHORIZE);
	}

	@Test
	void unusableKeySetWhenJwksHoldsOnlyEncryptionKeysThenNotSetUpCorrectlyAndHealthSaysSoUntilASignInWorks(
			CapturedOutput output) {
		FakeOAuth2Provider nokeys = fake("nokeys");
		nokeys.publishUnusableKeys();
		nokeys.nextPerson(new FakePerson("nokeys-1", "Kim Keyless", "kim", null, null));

		assertNotSetUpCorrectly(signIn("Nokeys ID"), "Nokeys ID");

		assertThat(failureLines(output, "nokeys")).singleElement()
			.asString()
			.contains("the JWK Set at " + nokeys.jwkSetUri() + " holds no key that can verify an ID token signed "
					+ "with RS256")
			.contains("RSA for enc alg RS256 kid ");
		assertMisconfiguredButInstanceUp("nokeys");

		nokeys.reset();
		nokeys.nextPerson(new FakePerson("nokeys-1", "Kim Keyless", "kim", null, null));
		assertThat(signIn("Nokeys ID").greeting()).contains("Hi, Kim Keyless!");
		assertThat(providerStatus("nokeys")).isEqualTo("UP");
	}

	@Test
	void invalidClientWhenTokenEndpointRefusesTheSecretThenNotSetUpCorrectlyAndHealthSaysSo(CapturedOutput output) {
		assertNotSetUpCorrectly(signIn("Badsecret ID"), "Badsecret ID");

		assertThat(failureLines(output, "badsecret")).singleElement()
			.asString()
			.contains("the token endpoint refused the client credentials, check client-id and client-secret: ")
			.contains("invalid_client")
			.doesNotContain("wrong-secret")
			.doesNotContain("right-secret");
		assertMisconfiguredButInstanceUp("badsecret");
	}

	private static void assertNotSetUpCorrectly(TestBrowser.Page page, String name) {
		assertThat(page.uri().getPath()).isEqualTo("/");
		assertThat(page.message()).contains(name + " is not set up correctly on this site, so signing in with it "
				+ "does not work at the moment. Please sign in another way, or try again later.");
		assertThat(page.greeting()).isEmpty();
	}

	/** Health names the provider MISCONFIGURED, answers 200 and stays UP as a whole; no provider is called for it. */
	private void assertMisconfiguredButInstanceUp(String id) {
		Map<String, Integer> callsBefore = fake(id).calls();
		HttpResponse<String> health = browser().get("/healthz");
		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode body = JSON.readTree(health.body());
		assertThat(body.path("status").asString()).isEqualTo("UP");
		assertThat(body.path("components").path("signInProviders").path("status").asString()).isIn("UP", "UNKNOWN");
		assertThat(providerStatus(id)).isEqualTo("MISCONFIGURED");
		assertThat(health.body()).doesNotContain("right-secret").doesNotContain("wrong-secret").doesNotContain("127.0.0.1");
		assertThat(fake(id).calls()).isEqualTo(callsBefore);
	}

	private String providerStatus(String id) {
		JsonNode body = JSON.readTree(browser().get("/healthz").body());
		return body.path("components").path("signInProviders").path("components").path(id).path("status").asString();
	}

	private static List<String> failureLines(CapturedOutput output, String id) {
		return output.getOut().lines().filter((line) -> line.contains("Sign-in with " + id + " failed")).toList();
	}

	private TestBrowser.Page signIn(String name) {
		TestBrowser browser = browser();
		return browser.pressAndFollow(browser.open("/"), "Sign in with " + name);
	}

	private TestBrowser browser() {
		return new TestBrowser(URI.create(appUri() + "/"));
	}

	private String appUri() {
		return "http://localhost:" + this.port;
	}

	private static FakeOAuth2Provider fake(String id) {
		return providers.fake(id, FakeOAuth2Provider.class);
	}

	/**
	 * An OpenID Connect provider configured by the standard properties, with the issuer and the client secret as
	 * given (the fake's own secret is {@code right-secret}).
	 */
	private static Supplier<StandIn> openIdConnect(String id, String name, String configuredSecret,
			Function<FakeOAuth2Provider, String> configuredIssuer) {
		return () -> {
			FakeOAuth2Provider fake = FakeOAuth2Provider.start(Flavour.OIDC, id + "-client", "right-secret");
			StandIn honest = StandIn.openIdConnect(id, name, fake, id + "-client", configuredSecret);
			Map<String, String> settings = new LinkedHashMap<>(honest.settings());
			settings.put("spring.security.oauth2.client.provider." + id + ".issuer-uri", configuredIssuer.apply(fake));
			return new StandIn(id, fake, honest.credentialProperties(), Map.of(), settings);
		};
	}

}
