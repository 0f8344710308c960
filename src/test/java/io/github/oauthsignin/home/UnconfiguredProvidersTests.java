package io.github.oauthsignin.home;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/** The app with no provider configured: it starts, says how to configure them, and their routes are 404 pages. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnconfiguredProvidersTests {

	@LocalServerPort
	int port;

	@Test
	void homeWhenNoProviderThenNoButtonAndHowToConfigureEach() {
		TestBrowser.Page home = browser().open("/");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.document().select("button:contains(Sign in with):not(.button-passkey)")).isEmpty();
		assertThat(home.document().text()).contains("No sign-in provider is configured yet")
			.contains("Facebook: set FACEBOOK_CLIENT_ID and FACEBOOK_CLIENT_SECRET")
			.contains("GitHub: set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET")
			.contains("Google: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET")
			.contains("X: set X_CLIENT_ID and X_CLIENT_SECRET, or set TWITTER_CONSUMER_KEY and TWITTER_CONSUMER_SECRET")
			.doesNotContain("Use your");
	}

	@Test
	void callbackWhenProviderNotConfiguredThenNotFoundPage() {
		TestBrowser.Page page = browser().open("/callback/facebook?code=abc&state=def");
		assertThat(page.status()).isEqualTo(404);
		assertThat(page.document().text()).contains("Page not found").doesNotContain("Exception");
	}

	@Test
	void authorizeWhenProviderNotConfiguredThenNotFoundPage() {
		TestBrowser browser = browser();
		// No button, so no form: a hand-made POST finds no provider, and another site's is refused before that.
		assertThat(browser.follow(browser.post("/authorize/twitter", Map.of())).status()).isEqualTo(404);
		assertThat(browser.follow(browser.postFrom("https://evil.example", "/authorize/twitter", Map.of())).message())
			.contains("That request came from another website, so nothing was done. To sign in or out, use the "
					+ "buttons on this page.");
		TestBrowser.Page page = browser.open("/authorize/twitter");
		assertThat(page.status()).isEqualTo(404);
		assertThat(page.document().text()).contains("Page not found");
	}

	private TestBrowser browser() {
		return new TestBrowser(URI.create("http://localhost:" + this.port + "/"));
	}

}
