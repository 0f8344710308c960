package io.github.oauthsignin.providers.facebook;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.github.oauthsignin.account.AccountDeletion.Removal;
import io.github.oauthsignin.person.SignInWebMvcTest;
import io.github.oauthsignin.signin.CallbackUris;
import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.signin.StubSignInProvider;
import io.github.oauthsignin.user.SocialId;

import static io.github.oauthsignin.support.SlicePages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * What Facebook posts on its own while it is configured: the data-deletion and deauthorize callbacks, verified by the
 * app secret's signature and exempt from the cross-site check, and the deletion's status page.
 */
@SignInWebMvcTest(FacebookCallbacksController.class)
@Import({ FacebookCallbacksControllerTests.Facebook.class, CallbackUris.class })
class FacebookCallbacksControllerTests extends FacebookCallbacksSlice {

	static final String APP_SECRET = "facebook-app-secret";

	static final String CODE = "Z2l2ZS11cy10aGUtY29kZS0xMjM0NTY3ODk";

	@Test
	void dataDeletionWhenSignedByFacebookThenDeletedWithTheAnswerFacebookRequires() {
		facebookConfigured();
		given(this.deletions.delete("4101")).willReturn(new DataDeletionRequests.Deletion(CODE, Removal.ACCOUNT));

		MvcTestResult answer = this.mvc.post()
			.uri("/facebook/data-deletion")
			.param("signed_request", signed("4101", APP_SECRET))
			.exchange();

		assertThat(answer).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"url\":\"http://localhost/facebook/data-deletion/" + CODE
					+ "\",\"confirmation_code\":\"" + CODE + "\"}");
		assertThat(answer.getRequest().getSession(false)).as("no session for Facebook's server").isNull();
		then(this.seen).should().admit(any());
	}

	@Test
	void dataDeletionWhenRelayedFromFacebooksSiteByABrowserThenExemptFromTheCrossSiteCheck() {
		facebookConfigured();
		given(this.deletions.delete("4102")).willReturn(new DataDeletionRequests.Deletion(CODE, Removal.NOTHING));

		MvcTestResult answer = this.mvc.post()
			.uri("/facebook/data-deletion")
			.header("Sec-Fetch-Site", "cross-site")
			.header("Origin", "https://www.facebook.com")
			.param("signed_request", signed("4102", APP_SECRET))
			.exchange();

		assertThat(answer).hasStatusOk();
		then(this.deletions).should().delete("4102");
	}

	@Test
	void dataDeletionWhenSignedWithAnotherSecretThenRefusedAndNothingDeleted() {
		facebookConfigured();

		MvcTestResult answer = this.mvc.post()
			.uri("/facebook/data-deletion")
			.param("signed_request", signed("4103", "not-the-app-secret"))
			.exchange();

		assertThat(answer).hasStatus(400).bodyJson().isLenientlyEqualTo("{\"error\":\"invalid signed_request\"}");
		then(this.deletions).shouldHaveNoInteractions();
		then(this.seen).shouldHaveNoInteractions();
	}

	@Test
	void deauthorizeWhenSignedByFacebookThenThePersonSignedOutEverywhere() {
		facebookConfigured();
		given(this.accounts.signOutEverywhereBySocialId(new SocialId("facebook", "4104"))).willReturn(true);

		MvcTestResult answer = this.mvc.post()
			.uri("/facebook/deauthorize")
			.param("signed_request", signed("4104", APP_SECRET))
			.exchange();

		assertThat(answer).hasStatusOk().bodyJson().isLenientlyEqualTo("{\"status\":\"ok\"}");
		then(this.accounts).should().signOutEverywhereBySocialId(new SocialId("facebook", "4104"));
	}

	@Test
	void deauthorizeWhenNoSignedRequestThenRefusedAndNobodySignedOut() {
		facebookConfigured();

		assertThat(this.mvc.post().uri("/facebook/deauthorize")).hasStatus(400);
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void dataDeletionStatusWhenCodeKnownThenSaysItIsDone() {
		facebookConfigured();
		given(this.deletions.completedAt(CODE)).willReturn(Optional.of(Instant.parse("2026-11-27T06:44:20Z")));

		MvcTestResult status = this.mvc.get().uri("/facebook/data-deletion/" + CODE).exchange();

		assertThat(status).hasStatusOk();
		assertThat(page(status).select(".deletion-code").text()).isEqualTo(CODE);
		assertThat(page(status).select(".deletion-completed").text()).isEqualTo("27 November 2026 at 06:44 UTC");
	}

	@Test
	void dataDeletionStatusWhenCodeUnknownThenNotFound() {
		facebookConfigured();

		assertThat(this.mvc.get().uri("/facebook/data-deletion/" + "A".repeat(43))).hasStatus(404);
	}

	private void facebookConfigured() {
		ClientRegistration facebook = new FacebookPreset().registration("facebook")
			.clientId("facebook-app-id")
			.clientSecret(APP_SECRET)
			.redirectUri("{baseUrl}/callback/facebook")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.build();
		given(this.registrations.findByRegistrationId("facebook")).willReturn(facebook);
	}

	static String signed(String userId, String secret) {
		return SignedRequests.sign(secret,
				SignedRequests.issuedNow("{\"user_id\":\"" + userId + "\",\"algorithm\":\"HMAC-SHA256\"}"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Facebook {

		@Bean
		SignInProvider facebook() {
			return new StubSignInProvider(new FacebookPreset(), (parameters) -> {
				throw new IllegalStateException("no sign-in in these tests");
			});
		}

	}

}
