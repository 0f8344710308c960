package com.example.buildonit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.person.SignInWebMvcTest;
import io.github.oauthsignin.person.SignedInUser;

import static com.example.buildonit.ProviderApiSlice.kept;
import static io.github.oauthsignin.person.SignedInRequests.signedIn;
import static io.github.oauthsignin.support.SlicePages.flashedMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * The example that calls GitHub as the person, {@link GitHubRepositoriesController}, in a slice: the kept token comes
 * from a mocked {@code OAuth2AuthorizedClientManager} and GitHub's API is a {@link MockRestServiceServer}. The same
 * code against the GitHub stand-in, after a real sign-in, is {@link GitHubAsThePersonTests}.
 */
@SignInWebMvcTest(value = GitHubRepositoriesController.class, properties = "example.github.api=https://api.github.test")
@ContextConfiguration(classes = SignInApplication.class)
@Import({ GitHubRepositoriesController.class, ProviderApiSlice.class })
class GitHubRepositoriesControllerTests {

	static final SignedInUser ADA = new SignedInUser(41, "Ada Lovelace", null, null, "ada", "github", null);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MockRestServiceServer githubApi;

	@MockitoBean
	OAuth2AuthorizedClientManager authorizedClients;

	@BeforeEach
	void noCallsYet() {
		this.githubApi.reset();
	}

	@Test
	void repositoriesWhenSignedInThenListedWithTheTokenKeptForThatPerson() {
		given(this.authorizedClients.authorize(any())).willAnswer((call) -> kept(call.getArgument(0)));
		this.githubApi.expect(requestTo("https://api.github.test/user/repos"))
			.andExpect(header(HttpHeaders.AUTHORIZATION, "Bearer token-of-41"))
			.andRespond(withSuccess("[{\"full_name\":\"ada/notes\"},{\"full_name\":\"ada/engine\"}]",
					MediaType.APPLICATION_JSON));

		MvcTestResult repositories = this.mvc.get().uri("/example/github/repositories").with(signedIn(ADA)).exchange();

		assertThat(repositories).hasStatusOk().bodyJson().isStrictlyEqualTo("[\"ada/notes\",\"ada/engine\"]");
		this.githubApi.verify();
	}

	@Test
	void loginWhenSignedInThenTheInterceptorAddsTheTokenKeptForThatPerson() {
		given(this.authorizedClients.authorize(any())).willAnswer((call) -> kept(call.getArgument(0)));
		this.githubApi.expect(requestTo("https://api.github.test/user"))
			.andExpect(header(HttpHeaders.AUTHORIZATION, "Bearer token-of-41"))
			.andRespond(withSuccess("{\"login\":\"ada\",\"id\":583231}", MediaType.APPLICATION_JSON));

		MvcTestResult login = this.mvc.get().uri("/example/github/login").with(signedIn(ADA)).exchange();

		assertThat(login).hasStatusOk().bodyJson().isStrictlyEqualTo("{\"login\":\"ada\"}");
		this.githubApi.verify();
	}

	@Test
	void repositoriesWhenNothingKeptThenTheAccountPageSaysHowToGiveAccess() {
		given(this.authorizedClients.authorize(any()))
			.willThrow(new ClientAuthorizationRequiredException("github"));

		MvcTestResult repositories = this.mvc.get().uri("/example/github/repositories").with(signedIn(ADA)).exchange();

		assertThat(repositories).hasRedirectedUrl("/account");
		assertThat(flashedMessage(repositories)).contains("That needs access to your GitHub account, which we do not "
				+ "keep now. Sign in with GitHub again to give it.");
		this.githubApi.verify();
	}

}
