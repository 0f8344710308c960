package io.github.oauthsignin.providers.facebook;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.github.oauthsignin.person.SignInWebMvcTest;
import io.github.oauthsignin.signin.CallbackUris;

import static io.github.oauthsignin.support.SlicePages.flashedMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;

/**
 * Without Facebook's credentials the app has no Facebook callbacks: their posts are not exempt from the cross-site
 * check (so one relayed by a browser from another site is refused like any other site's form), a post from a server
 * finds nothing (404), and the status page is 404.
 */
@SignInWebMvcTest(FacebookCallbacksController.class)
@Import(CallbackUris.class)
class FacebookCallbacksControllerWhenNotConfiguredTests extends FacebookCallbacksSlice {

	@Test
	void callbacksWhenFacebookNotConfiguredThenRefusedFromBrowsersAndNotFoundFromServers() {
		String signed = FacebookCallbacksControllerTests.signed("1", "anything");
		for (String path : new String[] { "/facebook/data-deletion", "/facebook/deauthorize" }) {
			MvcTestResult relayed = this.mvc.post()
				.uri(path)
				.header("Sec-Fetch-Site", "cross-site")
				.header("Origin", "https://www.facebook.com")
				.param("signed_request", signed)
				.exchange();
			assertThat(relayed).hasRedirectedUrl("/");
			assertThat(flashedMessage(relayed)).contains("That request came from another website, so nothing was "
					+ "done. To sign in or out, use the buttons on this page.");
			assertThat(this.mvc.post().uri(path).param("signed_request", signed)).hasStatus(404);
		}
		assertThat(this.mvc.get().uri("/facebook/data-deletion/" + "A".repeat(43))).hasStatus(404);
		then(this.deletions).shouldHaveNoInteractions();
		then(this.accounts).shouldHaveNoInteractions();
	}

}
