package io.github.oauthsignin.providers.facebook;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Facebook's credentials the app has no Facebook callbacks: their posts are not exempt from CSRF protection
 * (so one without a token is refused like any stale form, and changes nothing), and the status page is 404.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FacebookCallbacksWhenNotConfiguredTests {

	@LocalServerPort
	int port;

	@Test
	void callbacksWhenFacebookNotConfiguredThenRefusedAndNotFound() {
		TestBrowser browser = new TestBrowser(URI.create("http://localhost:" + this.port + "/"));
		String signed = SignedRequests.sign("anything",
				"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1\"}", false);
		for (String path : new String[] { "/facebook/data-deletion", "/facebook/deauthorize" }) {
			HttpResponse<String> response = browser.post(path, Map.of("signed_request", signed));
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(browser.follow(response).message()).contains("That page had expired, so nothing was done. Please try again.");
		}
		assertThat(browser.get("/facebook/data-deletion/" + "A".repeat(43)).statusCode()).isEqualTo(404);
	}

}
