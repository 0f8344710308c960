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
 * Without Facebook's credentials the app has no Facebook callbacks: their posts are not exempt from the cross-site
 * check (so one relayed by a browser from another site is refused like any other site's form), a post from a server
 * finds nothing (404), and the status page is 404.
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
			HttpResponse<String> relayed = browser.postFrom("https://www.facebook.com", path,
					Map.of("signed_request", signed));
			assertThat(relayed.statusCode()).isEqualTo(302);
			assertThat(browser.follow(relayed).message())
				.contains("That request came from another website, so nothing was done. To sign in or out, use the "
						+ "buttons on this page.");
			assertThat(browser.postWithoutBrowserHeaders(path, Map.of("signed_request", signed)).statusCode())
				.isEqualTo(404);
		}
		assertThat(browser.get("/facebook/data-deletion/" + "A".repeat(43)).statusCode()).isEqualTo(404);
	}

}
