package io.github.oauthsignin.signin.oauth2;

import org.junit.jupiter.api.Test;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with {@code forge}, a plain OAuth 2 provider (no OpenID Connect) the code has never heard of, configured
 * by the standard properties (explicit endpoints and {@code user-name-attribute}) and
 * {@code signin.providers.forge.attributes.*} for its profile.
 */
class PlainOAuth2SignInTests extends SignInFlowTestSupport {

	@Test
	void signInWhenConfiguredByPropertiesThenKeyedByTheUserNameAttributeWithTheConfiguredAttributes() {
		forge.publicEmail(true);
		TestBrowser.Page page = signInAs(browser(), "Forge", forge,
				new FakePerson("7700123", "Barbara Liskov", "liskov", "barbara@example.com",
						"https://avatars.example/liskov.png"));
		assertThat(page.greeting()).contains("Hi, Barbara Liskov!");
		assertThat(account("forge$7700123"))
			.containsEntry("NICKNAME", "Barbara Liskov")
			.containsEntry("EMAIL", "barbara@example.com")
			.containsEntry("PICTURE_URL", "https://avatars.example/liskov.png");
		assertThat(forge.lastAuthorizationRequest()).containsEntry("code_challenge_method", "S256")
			.doesNotContainKey("nonce");
	}

	@Test
	void signInWhenNoNameThenTheNextConfiguredNameAttribute() {
		TestBrowser.Page page = signInAs(browser(), "Forge", forge,
				new FakePerson("7700124", "", "no-name", null, null));
		assertThat(page.greeting()).contains("Hi, no-name!");
	}

	@Test
	void homePageWhenProviderWithoutPresetThenANeutralButtonWithItsClientName() {
		TestBrowser.Page home = browser().open("/");
		assertThat(home.document().select("button.button-neutral").eachText()).contains("Sign in with Forge",
				"Sign in with Acme ID");
		assertThat(home.document().select("button.button-facebook").eachText()).containsExactly("Sign in with Facebook");
		assertThat(home.document().select("button.button-x").eachText()).containsExactly("Sign in with X");
		assertThat(home.document().select(".lead").text())
			.contains("Use your Facebook, GitHub, Google, X, Acme ID or Forge account");
	}

}
