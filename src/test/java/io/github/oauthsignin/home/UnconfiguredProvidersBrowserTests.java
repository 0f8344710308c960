package io.github.oauthsignin.home;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.oauthsignin.support.Chromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one page only an operator sees: the home page of an app with no provider configured, which says how to turn
 * one on. Like every other page, in a real Chromium at both sizes, it passes axe-core and logs no console error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(Chromium.Required.class)
class UnconfiguredProvidersBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void homeWhenNoProviderThenAccessibleAndNoConsoleError() {
		try (Chromium chromium = Chromium.start()) {
			chromium.driver().get("http://localhost:" + this.port + "/");
			assertThat(chromium.driver().getPageSource()).contains("No sign-in provider is configured yet.");
			assertThat(chromium.problemsAtBothSizes("home-unconfigured", null)).isEmpty();
			chromium.screenshots("home-unconfigured");
		}
	}

}
