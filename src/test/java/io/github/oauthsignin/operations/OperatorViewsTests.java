package io.github.oauthsignin.operations;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;

import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees, with the app as shipped (metrics off): the configured providers and the build version at
 * {@code /actuator/info} on the management port (this machine only), nothing of the actuator on the public port but
 * health ({@code /healthz}, {@code /livez}, {@code /readyz}) with a component per provider that calls no provider,
 * and no Prometheus endpoint.
 */
class OperatorViewsTests extends SignInFlowTestSupport {

	@LocalManagementPort
	private int managementPort;

	@Test
	void prometheusWhenMetricsOffByDefaultThenNoEndpoint() {
		assertThat(browser().get(management("/actuator/prometheus")).statusCode()).isEqualTo(404);
	}

	@Test
	void infoWhenFromThisMachineOnTheManagementPortThenConfiguredProvidersAndVersionButNoSecret() {
		HttpResponse<String> info = browser().get(management("/actuator/info"));

		assertThat(info.statusCode()).isEqualTo(200);
		assertThat(info.body()).contains("\"signInProviders\":[\"facebook\",\"github\",\"google\",\"twitter\"")
			.contains("\"acme\"")
			.contains("\"forge\"")
			.contains("\"build\"")
			.contains("\"version\":\"0.1.0-SNAPSHOT\"")
			.doesNotContain(FACEBOOK_APP_SECRET)
			.doesNotContain(TWITTER_CONSUMER_SECRET)
			.doesNotContain(FACEBOOK_APP_ID)
			.doesNotContain(GITHUB_CLIENT_SECRET);
	}

	@Test
	void operatorViewsWhenAskedOnThePublicPortThenNotThereWhateverTheHeadersSay() {
		TestBrowser outsider = browser().alwaysSend("X-Forwarded-For", "127.0.0.1");
		for (String view : new String[] { "/actuator/info", "/actuator/prometheus", "/actuator/health" }) {
			HttpResponse<String> answer = outsider.get(view);
			assertThat(answer.statusCode()).as(view).isIn(403, 404);
			assertThat(answer.body()).as(view).doesNotContain("signInProviders");
		}
	}

	@Test
	void healthWhenProvidersConfiguredThenOneComponentEachOnBothPortsAndNoProviderCalled() {
		Map<String, Integer> facebookCalls = facebook.calls();
		Map<String, Integer> acmeCalls = acme.calls();

		for (String url : new String[] { "/healthz", management("/actuator/health") }) {
			HttpResponse<String> health = browser().get(url);
			assertThat(health.statusCode()).as(url).isEqualTo(200);
			assertThat(health.body()).as(url)
				.contains("\"status\":\"UP\"")
				.contains("\"signInProviders\":{\"components\":{")
				.contains("\"facebook\":{\"status\":\"UP\"}")
				.contains("\"acme\":{\"status\":\"UP\"}")
				.doesNotContain("configured");
		}
		assertThat(facebook.calls()).isEqualTo(facebookCalls);
		assertThat(acme.calls()).isEqualTo(acmeCalls);
	}

	@Test
	void probesWhenAskedOnThePublicPortThenUpForOrchestrators() {
		assertThat(browser().get("/livez").statusCode()).isEqualTo(200);
		assertThat(browser().get("/readyz").statusCode()).isEqualTo(200);
		assertThat(browser().get(management("/actuator/health/readiness")).statusCode()).isEqualTo(200);
	}

	private String management(String path) {
		return "http://localhost:" + this.managementPort + path;
	}

}
