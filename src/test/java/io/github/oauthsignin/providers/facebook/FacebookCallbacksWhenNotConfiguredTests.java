package io.github.oauthsignin.signin.facebook;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/** Without Facebook's credentials the app has no Facebook callbacks at all: their addresses are 404. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FacebookCallbacksWhenNotConfiguredTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void callbacksWhenFacebookNotConfiguredThenNotFound() {
		assertThat(this.context.getBeanNamesForType(FacebookSignInProvider.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(FacebookCallbacksController.class)).isEmpty();
		TestBrowser browser = new TestBrowser(URI.create("http://localhost:" + this.port + "/"));
		String signed = SignedRequestVerifierTests.sign("anything",
				"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1\"}", false);
		assertThat(browser.post("/facebook/data-deletion", Map.of("signed_request", signed)).statusCode())
			.isEqualTo(404);
		assertThat(browser.post("/facebook/deauthorize", Map.of("signed_request", signed)).statusCode())
			.isEqualTo(404);
		assertThat(browser.get("/facebook/data-deletion/" + "A".repeat(43)).statusCode()).isEqualTo(404);
	}

}
