package com.example.buildonit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2Error;
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
 * The example that reads the person's Google profile, {@link GoogleProfileController}, in a slice: the token from a
 * mocked {@code OAuth2AuthorizedClientManager} (which refreshes it in the app; the refresh against Google's stand-in
 * is {@code tokens.KeptTokensTests}), Google's UserInfo endpoint a {@link MockRestServiceServer}.
 */
@SignInWebMvcTest(GoogleProfileController.class)
@ContextConfiguration(classes = SignInApplication.class)
@Import({ GoogleProfileController.class, ProviderApiSlice.class })
class GoogleProfileControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MockRestServiceServer google;

	@MockitoBean
	OAuth2AuthorizedClientManager authorizedClients;

	@BeforeEach
	void noCallsYet() {
		this.google.reset();
	}

	@Test
	void nameWhenSignedInThenReadFromUserInfoWithTheTokenKeptForThatPerson() {
		given(this.authorizedClients.authorize(any())).willAnswer((call) -> kept(call.getArgument(0)));
		this.google.expect(requestTo("https://google.test/userinfo"))
			.andExpect(header(HttpHeaders.AUTHORIZATION, "Bearer token-of-52"))
			.andRespond(withSuccess("{\"sub\":\"110\",\"name\":\"Grace Hopper\"}", MediaType.APPLICATION_JSON));

		MvcTestResult name = this.mvc.get()
			.uri("/example/google/name")
			.with(signedIn(new SignedInUser(52, "Grace", null, null, null, "google", null)))
			.exchange();

		assertThat(name).hasStatusOk().bodyJson().isStrictlyEqualTo("{\"name\":\"Grace Hopper\"}");
		this.google.verify();
	}

	@Test
	void nameWhenGoogleRefusesTheRefreshThenTheAccountPageSaysHowToGiveAccessAgain() {
		given(this.authorizedClients.authorize(any())).willThrow(new ClientAuthorizationException(
				new OAuth2Error("invalid_grant", "Token has been expired or revoked.", null), "google"));

		MvcTestResult name = this.mvc.get()
			.uri("/example/google/name")
			.with(signedIn(new SignedInUser(52, "Grace", null, null, null, "google", null)))
			.exchange();

		assertThat(name).hasRedirectedUrl("/account");
		assertThat(flashedMessage(name)).contains("That needs access to your Google account, which we do not keep "
				+ "now. Sign in with Google again to give it.");
		this.google.verify();
	}

}
