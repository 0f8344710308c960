package io.github.oauthsignin.providers.github;


import org.junit.jupiter.api.Test;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with GitHub, on with {@code GITHUB_CLIENT_ID} and {@code GITHUB_CLIENT_SECRET} and its endpoints pointed
 * at the strict fake GitHub.
 */
class GitHubSignInTests extends SignInFlowTestSupport {

	@Test
	void signInWhenApprovedThenKeyedByIdWithNameAvatarAndThePrimaryVerifiedEmail() {
		TestBrowser.Page page = signInAs(browser(), "GitHub", github,
				new FakePerson("5801001", "Margaret Hamilton", "mhamilton", "margaret@example.com",
						"https://avatars.example/u/5801001"));
		assertThat(page.greeting()).contains("Hi, Margaret Hamilton!");
		assertThat(account("github$5801001"))
			.containsEntry("NICKNAME", "Margaret Hamilton")
			.containsEntry("EMAIL", "margaret@example.com")
			.containsEntry("PICTURE_URL", "https://avatars.example/u/5801001");
		assertThat(github.calls()).containsEntry(FakeOAuth2Provider.USER_INFO, 1)
			.containsEntry(FakeOAuth2Provider.EMAILS, 1);
		assertThat(github.refusals()).isEmpty();
	}

	@Test
	void signInAsksForTheEmailScopeWithStateAndPkce() {
		signInAs(browser(), "GitHub", github, new FakePerson("5801002", "Grace", "grace-h", null, null));
		assertThat(github.lastAuthorizationRequest()).containsEntry("scope", "read:user user:email")
			.containsEntry("code_challenge_method", "S256")
			.containsEntry("redirect_uri", appUri("/callback/github"))
			.containsKey("state");
	}

	@Test
	void signInWhenPrimaryEmailUnverifiedThenNoEmailNeverAnotherAddress() {
		signInAs(browser(), "GitHub", github,
				new FakePerson("5801003", "Unverified", "unverified", "unverified@example.com", null, false));
		assertThat(account("github$5801003").get("email")).isNull();
	}

	@Test
	void signInWhenPublicEmailShownThenStillOnlyThePrimaryVerifiedOne() {
		github.publicEmail(true);
		signInAs(browser(), "GitHub", github,
				new FakePerson("5801004", "Public", "public-one", "public@example.com", null, false));
		assertThat(account("github$5801004").get("email")).isNull();
	}

	@Test
	void signInWhenNoNameThenGreetedByLogin() {
		TestBrowser.Page page = signInAs(browser(), "GitHub", github,
				new FakePerson("5801005", "", "octo-cat", null, null));
		assertThat(page.greeting()).contains("Hi, octo-cat!");
	}

	@Test
	void signInWhenEmailsAnswer500ThenFailureMessageAndNoUser() {
		github.failNext(FakeOAuth2Provider.EMAILS, Fault.answer(Response.text(500, "oops")));
		int before = allUsers();
		TestBrowser.Page page = signInAs(browser(), "GitHub", github,
				new FakePerson("5801006", "Failing", "failing", null, null));
		assertThat(page.message()).contains("GitHub did not answer, please try again.");
		assertThat(allUsers()).isEqualTo(before);
	}

	@Test
	void signInWhenTokenEndpointAnswersAnErrorWithStatus200ThenFailureMessage() {
		github.failNext(FakeOAuth2Provider.TOKEN, Fault.answer(Response.json(200,
				"{\"error\":\"bad_verification_code\",\"error_description\":\"The code passed is incorrect or expired.\"}")));
		TestBrowser.Page page = signIn(browser(), "GitHub");
		assertThat(page.message()).contains("GitHub did not answer, please try again.");
		assertThat(page.greeting()).isEmpty();
	}

	@Test
	void signInWhenCancelledThenToldSo() {
		github.denyNext();
		assertThat(signIn(browser(), "GitHub").message()).contains("You cancelled signing in with GitHub.");
	}

}
