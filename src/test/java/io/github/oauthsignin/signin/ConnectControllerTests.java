package io.github.oauthsignin.signin;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.github.oauthsignin.person.SignInWebMvcTest;
import io.github.oauthsignin.person.SignedInUser;

import static io.github.oauthsignin.person.SignedInRequests.person;
import static io.github.oauthsignin.person.SignedInRequests.signedIn;
import static io.github.oauthsignin.support.SlicePages.flashedMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/** Connecting another provider to the signed-in account: {@code POST /account/connect/{provider}}. */
@SignInWebMvcTest(ConnectController.class)
@Import({ StubProviders.class, SignInFlowSlice.class })
class ConnectControllerTests {

	static final SignedInUser ADA = person(41, "Ada Lovelace", "github");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	PendingSignIns pendingSignIns;

	@MockitoBean
	SignInStartLimiter limiter;

	@Test
	void connectWhenSignedInThenToTheProviderMarkedAsALinkForThisAccount() {
		given(this.limiter.tryStart(any())).willReturn(true);

		MvcTestResult connect = this.mvc.post().uri("/account/connect/acme").with(signedIn(ADA)).with(csrf())
			.exchange();

		assertThat(connect).hasRedirectedUrl("https://acme.example/authorize?state=state-1");
		then(this.pendingSignIns).should().saveLink(any(), any(), any(), eq(41L));
	}

	@Test
	void connectWhenVisitorThenSentToSignInFirst() {
		MvcTestResult connect = this.mvc.post().uri("/account/connect/acme").exchange();

		assertThat(connect).hasStatus3xxRedirection();
		assertThat(flashedMessage(connect)).contains("Sign in to see your account.");
		then(this.pendingSignIns).shouldHaveNoInteractions();
	}

	@Test
	void connectWhenNoCsrfTokenThenRefusedAndNothingStarted() {
		MvcTestResult connect = this.mvc.post().uri("/account/connect/acme").with(signedIn(ADA)).exchange();

		assertThat(connect).hasRedirectedUrl("/");
		assertThat(flashedMessage(connect)).contains("That page had expired, so nothing was done. Please try again.");
		then(this.pendingSignIns).shouldHaveNoInteractions();
	}

	@Test
	void connectWhenUnknownProviderThenNotFound() {
		assertThat(this.mvc.post().uri("/account/connect/nope").with(signedIn(ADA)).with(csrf())).hasStatus(404);
	}

	@Test
	void connectWhenByLinkThenTheAccountPageAndNothingStarted() {
		assertThat(this.mvc.get().uri("/account/connect/acme").with(signedIn(ADA))).hasRedirectedUrl("/account");
		then(this.pendingSignIns).shouldHaveNoInteractions();
	}

}
