package io.github.oauthsignin.production;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.oauth2.Flavour;
import io.github.oauthsignin.support.StandIn;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OpenID Connect issuer whose discovery document, then whose keys (JWKS), come 50 MB large or a byte at a time:
 * a fresh app (discovery and keys are fetched once, at the first sign-in that needs them) says "did not answer"
 * each time, logs the provider and the limit, and signs in once the issuer behaves.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProviderAnswerLimitsOnDiscoveryTests {

	private static final long FIFTY_MB = 50L * 1024 * 1024;

	private StandInProviders acme;

	private ConfigurableApplicationContext app;

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		if (this.acme != null) {
			this.acme.close();
		}
	}

	@Test
	void discoveryAndKeysWhenTooLargeOrTooSlowThenDidNotAnswerUntilTheIssuerBehaves(CapturedOutput output) {
		this.acme = StandInProviders.start(StandIn.openIdConnect("acme", "Acme ID", "acme-client", "acme-secret"));
		FakeOAuth2Provider issuer = this.acme.fake("acme", FakeOAuth2Provider.class);
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:limits-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--spring.http.clients.read-timeout=2s"));
		arguments.addAll(this.acme.arguments());
		this.app = new SpringApplicationBuilder(SignInApplication.class).run(arguments.toArray(String[]::new));
		String base = "http://localhost:" + ((WebServerApplicationContext) this.app).getWebServer().getPort();
		this.acme.allowCallbacksAt(base);
		TestBrowser browser = new TestBrowser(URI.create(base + "/"));

		issuer.failNext(FakeOAuth2Provider.DISCOVERY, Fault.oversize(FIFTY_MB, false));
		assertDidNotAnswer(browser, output, "an answer larger than the limit of 1048576 bytes");
		assertThat(issuer.streamedBytes()).isBetween(0L, FIFTY_MB / 2);
		issuer.failNext(FakeOAuth2Provider.DISCOVERY, Fault.drip(Duration.ofMillis(100), 600));
		assertDidNotAnswer(browser, output, "no whole answer within the read timeout");
		issuer.failNext(FakeOAuth2Provider.JWKS, Fault.oversize(FIFTY_MB, true));
		assertDidNotAnswer(browser, output, "an answer larger than the limit of 1048576 bytes");
		issuer.failNext(FakeOAuth2Provider.JWKS, Fault.drip(Duration.ofMillis(100), 600));
		assertDidNotAnswer(browser, output, "no whole answer within the read timeout");

		issuer.nextPerson(new FakePerson("patient-1", "Patient Pat", "pat", "pat@example.com", null));
		assertThat(browser.pressAndFollow(browser.open("/"), "Sign in with Acme ID").greeting())
			.contains("Hi, Patient Pat!");
		assertThat(issuer.calls()).containsEntry(FakeOAuth2Provider.DISCOVERY, 3).containsEntry(FakeOAuth2Provider.JWKS, 3);
	}

	private static void assertDidNotAnswer(TestBrowser browser, CapturedOutput output, String why) {
		long linesBefore = failures(output).size();
		TestBrowser.Page page = browser.pressAndFollow(browser.open("/"), "Sign in with Acme ID");
		assertThat(page.uri().getPath()).isEqualTo("/");
		assertThat(page.message()).contains("Acme ID did not answer, please try again.");
		assertThat(page.greeting()).isEmpty();
		List<String> lines = failures(output);
		assertThat(lines).hasSize((int) linesBefore + 1);
		assertThat(lines.get(lines.size() - 1)).contains(why).hasSizeLessThan(400);
	}

	private static List<String> failures(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.contains("Sign-in with acme failed")).toList();
	}

}
