package io.github.oauthsignin.providers.google;

import org.junit.jupiter.api.Test;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with Google, on with {@code GOOGLE_CLIENT_ID} and {@code GOOGLE_CLIENT_SECRET}, its issuer overridden by
 * the standard {@code issuer-uri} property to point at the strict fake OpenID Connect provider.
 */
class GoogleSignInTests extends SignInFlowTestSupport {

	@Test
	void signInWhenApprovedThenKeyedBySubWithTheVerifiedEmail() {
		TestBrowser.Page page = signInAs(browser(), "Google", google, new FakePerson("109876543210987654321",
				"Katherine Johnson", "katherine", "katherine@example.com", null));
		assertThat(page.greeting()).contains("Hi, Katherine Johnson!");
		assertThat(account("google$109876543210987654321").get("email")).isEqualTo("katherine@example.com");
		assertThat(google.lastAuthorizationRequest()).containsEntry("client_id", GOOGLE_CLIENT_ID)
			.containsKey("nonce");
		assertThat(google.calls()).containsEntry(FakeOAuth2Provider.TOKEN, 1);
		assertThat(google.refusals()).isEmpty();
	}

	@Test
	void signInWhenManyTimesThenKeysFetchedOnceAndKept() {
		signInAs(browser(), "Google", google, new FakePerson("1001", "First", "first", null, null));
		google.reset();
		signInAs(browser(), "Google", google, new FakePerson("1002", "Second", "second", null, null));
		assertThat(google.calls()).doesNotContainKey(FakeOAuth2Provider.JWKS)
			.doesNotContainKey(FakeOAuth2Provider.DISCOVERY);
	}

	@Test
	void signInWhenIssuerRotatedItsKeysThenNewKeyFetchedAndAccepted() {
		signInAs(browser(), "Google", google, new FakePerson("1003", "Before", "before", null, null));
		google.rotateKeys();
		TestBrowser.Page page = signInAs(browser(), "Google", google,
				new FakePerson("1004", "After", "after", null, null));
		assertThat(page.greeting()).contains("Hi, After!");
	}

}
