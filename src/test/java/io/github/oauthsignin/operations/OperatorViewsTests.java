package io.github.oauthsignin.operations;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees, with the app as shipped (metrics off): the configured providers and the build version at
 * {@code /actuator/info} from this machine only, a health component per provider that calls no provider, and no
 * Prometheus endpoint.
 */
class OperatorViewsTests extends SignInFlowTestSupport {

	@Test
	void prometheusWhenMetricsOffByDefaultThenNoEndpoint() {
		assertThat(browser().get("/actuator/prometheus").statusCode()).isEqualTo(404);
	}

	@Test
	void infoWhenFromThisMachineThenConfiguredProvidersAndVersionButNoSecret() {
		HttpResponse<String> info = browser().get("/actuator/info");

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
	void infoWhenFromAnotherAddressThenForbidden() {
		TestBrowser outsider = browser().alwaysSend("X-Forwarded-For", "198.51.100.200");
		assertThat(outsider.get("/actuator/info").statusCode()).isEqualTo(403);
		assertThat(outsider.get("/actuator/prometheus").statusCode()).isEqualTo(403);
	}

	@Test
	void healthWhenProvidersConfiguredThenOneComponentEachAndNoProviderCalled() {
		Map<String, Integer> facebookCalls = facebook.calls();
		Map<String, Integer> acmeCalls = acme.calls();

		HttpResponse<String> health = browser().get("/actuator/health");

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"signInProviders\":{\"components\":{")
			.contains("\"facebook\":{\"status\":\"UP\"}")
			.contains("\"acme\":{\"status\":\"UP\"}")
			.doesNotContain("configured");
		assertThat(facebook.calls()).isEqualTo(facebookCalls);
		assertThat(acme.calls()).isEqualTo(acmeCalls);
	}

}
