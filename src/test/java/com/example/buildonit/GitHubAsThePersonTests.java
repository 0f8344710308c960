package com.example.buildonit;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.support.KeptTokensTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example application code ({@link GitHubRepositoriesController}, {@link HelloController}) in the whole app
 * against the GitHub stand-in: a person signs in with GitHub (its tokens kept), and the pages know them and call
 * GitHub as them. GitHub ids 5828001 to 5828099.
 */
class GitHubAsThePersonTests extends KeptTokensTestSupport {

	@Test
	void repositoriesWhenSignedInWithGitHubThenListedWithTheKeptTokenThroughRegisteredOAuth2AuthorizedClient() {
		TestBrowser browser = browser();
		signInAs(browser, "GitHub", github, new FakePerson("5828001", "Octo Cat", "octo-cat", null, null));
		github.reset();

		HttpResponse<String> repositories = browser.get("/example/github/repositories");

		assertThat(repositories.statusCode()).isEqualTo(200);
		assertThat(repositories.body()).isEqualTo("[\"octo-cat/octo-cat-notes\",\"octo-cat/hello-world\"]");
		assertThat(github.calls()).containsEntry(FakeOAuth2Provider.REPOSITORIES, 1)
			.doesNotContainKey(FakeOAuth2Provider.TOKEN);
		assertThat(github.refusals()).isEmpty();
	}

	@Test
	void loginWhenSignedInWithGitHubThenTheInterceptorAddsTheKeptToken() {
		TestBrowser browser = browser();
		signInAs(browser, "GitHub", github, new FakePerson("5828002", "Mona Lisa", "mona", null, null));
		github.reset();

		HttpResponse<String> login = browser.get("/example/github/login");

		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).isEqualTo("{\"login\":\"mona\"}");
		assertThat(github.calls()).containsEntry(FakeOAuth2Provider.USER_INFO, 1);
		assertThat(github.refusals()).isEmpty();
	}

	@Test
	void helloWhenSignedInWithGitHubThenThePageKnowsTheAccountAndTheWayIn() {
		TestBrowser browser = browser();
		signInAs(browser, "GitHub", github,
				new FakePerson("5828003", "Hedy Lamarr", "hedy", "hedy@example.com", null));
		long account = userId("github$5828003");

		TestBrowser.Page hello = browser.open("/example/hello");

		assertThat(hello.greeting()).contains("Hello, Hedy Lamarr!");
		assertThat(hello.text(".me-id")).contains(Long.toString(account));
		assertThat(hello.text(".me-email")).contains("hedy@example.com");
		assertThat(hello.text(".me-way-in")).contains("github");
	}

	@Test
	void repositoriesWhenSignedInWithoutGitHubThenSentToTheAccountPageWithAMessage() {
		TestBrowser browser = browser();
		signInAs(browser, person("28001", "Only Facebook", null), false);

		HttpResponse<String> repositories = browser.get("/example/github/repositories");

		assertThat(repositories.statusCode()).isEqualTo(302);
		TestBrowser.Page page = browser.follow(repositories);
		assertThat(page.uri().getPath()).isEqualTo("/account");
		assertThat(page.message().orElseThrow()).startsWith("That needs access to your GitHub account");
		assertThat(github.calls()).doesNotContainKey(FakeOAuth2Provider.REPOSITORIES);
	}

}
