package io.github.oauthsignin.signin.oauth2;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.oauth2.Flavour;
import io.github.oauthsignin.support.Ports;
import io.github.oauthsignin.support.StandIn;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OpenID Connect issuer that is down when the app starts: the app starts anyway, the other providers work, that
 * provider's sign-in says it did not answer, and once the issuer is up the next attempt fetches its discovery
 * document and signs in, without a restart.
 */
class UnreachableIssuerTests {

	private StandInProviders facebook;

	private FakeOAuth2Provider acme;

	private ConfigurableApplicationContext app;

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		if (this.facebook != null) {
			this.facebook.close();
		}
		if (this.acme != null) {
			this.acme.close();
		}
	}

	@Test
	void startWhenIssuerDownThenAppStartsOthersWorkAndDiscoveryTriedAgainOnTheNextAttempt() throws Exception {
		int issuerPort = Ports.free();
		String issuer = "http://127.0.0.1:" + issuerPort;
		this.facebook = StandInProviders.start(StandIn.facebook("issuer-app", "issuer-app-secret"));
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:issuer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"--spring.http.clients.connect-timeout=1s", "--spring.http.clients.read-timeout=2s",
				"--spring.security.oauth2.client.registration.acme.client-id=acme-client",
				"--spring.security.oauth2.client.registration.acme.client-secret=acme-secret",
				"--spring.security.oauth2.client.registration.acme.client-name=Acme ID",
				"--spring.security.oauth2.client.registration.acme.scope=openid,profile,email",
				"--spring.security.oauth2.client.provider.acme.issuer-uri=" + issuer));
		arguments.addAll(this.facebook.arguments());
		this.app = new SpringApplicationBuilder(SignInApplication.class).run(arguments.toArray(String[]::new));
		String base = "http://localhost:" + ((WebServerApplicationContext) this.app).getWebServer().getPort();
		this.facebook.allowCallbacksAt(base);
		TestBrowser browser = new TestBrowser(URI.create(base + "/"));

		TestBrowser.Page down = browser.pressAndFollow(browser.open("/"), "Sign in with Acme ID");
		assertThat(down.uri().getPath()).isEqualTo("/");
		assertThat(down.message()).contains("Acme ID did not answer, please try again.");
		assertThat(down.html()).doesNotContain("Exception");
		HttpResponse<String> health = browser.get("/healthz");
		assertThat(health.statusCode()).as("an issuer that is down keeps the instance in the load balancer").isEqualTo(200);
		assertThat(health.body()).endsWith(",\"status\":\"UP\"}")
			.contains("\"acme\":{\"status\":\"UP\"}")
			.contains("\"github\":{\"status\":\"UNKNOWN\"}");
		assertThat(browser.pressAndFollow(browser.open("/"), "Sign in with Facebook").greeting()).isPresent();
		browser.pressAndFollow(browser.open("/"), "Sign out");

		this.acme = FakeOAuth2Provider.start(Flavour.OIDC, issuerPort, "acme-client", "acme-secret");
		StandIn.openIdConnect("acme", "Acme ID", this.acme, "acme-client", "acme-secret").allowCallbacksAt(base);
		this.acme.nextPerson(new FakePerson("late-riser", "Late Riser", "late", "late@example.com", null));
		TestBrowser.Page up = browser.pressAndFollow(browser.open("/"), "Sign in with Acme ID");
		assertThat(up.greeting()).contains("Hi, Late Riser!");
		assertThat(this.acme.calls()).containsEntry(FakeOAuth2Provider.DISCOVERY, 1);
		assertThat(this.acme.issuer()).isEqualTo(issuer);
	}

}
