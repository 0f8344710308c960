package io.github.oauthsignin.signin;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.github.oauthsignin.person.SignInWebMvcTest;
import io.github.oauthsignin.security.SessionSignIn;
import io.github.oauthsignin.user.Accounts;
import io.github.oauthsignin.user.SignInProfile;
import io.github.oauthsignin.user.User;
import io.github.oauthsignin.user.UserRegistration;
import io.github.oauthsignin.user.UserRegistration.Registration;

import static io.github.oauthsignin.person.SignedInRequests.person;
import static io.github.oauthsignin.person.SignedInRequests.signedIn;
import static io.github.oauthsignin.support.SlicePages.flashedMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The two ends of a sign-in, {@code POST /authorize/{provider}} and {@code GET /callback/{provider}}, with the
 * providers' answers stood in for: GitHub's is a cancel, Okta's a person, Forge's one that fails our checks.
 */
@SignInWebMvcTest(SignInController.class)
@Import({ StubProviders.class, SignInControllerTests.Providers.class, SignInFlowSlice.class })
class SignInControllerTests {

	static final SignInProfile GRACE = SignInProfile.of("okta", "7001", "grace@example.com", null, "Grace Hopper");

	static final ProviderCredentials TOKENS = new ProviderCredentials.OAuth2(new OAuth2AccessToken(
			OAuth2AccessToken.TokenType.BEARER, "access-1", Instant.now(), Instant.now().plusSeconds(3600)), null);

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	PendingSignIns pendingSignIns;

	@MockitoBean
	SignInStartLimiter limiter;

	@MockitoBean
	UserRegistration registration;

	@MockitoBean
	SessionSignIn sessionSignIn;

	@MockitoBean
	IdentityConnection connection;

	@MockitoBean
	CredentialsKeeper credentials;

	@Test
	void authorizeWhenPostedThenToTheProviderWithTheAttemptKept() {
		given(this.limiter.tryStart(any())).willReturn(true);

		MvcTestResult authorize = this.mvc.post().uri("/authorize/github").param("next", "/account").exchange();

		assertThat(authorize).hasStatus3xxRedirection()
			.hasRedirectedUrl("https://github.example/authorize?state=state-1");
		then(this.pendingSignIns).should().save(any(), any(), any(), eq("/account"), eq(false));
		assertThat(authorize.getRequest().getSession(false)).as("a visitor gets no session").isNull();
	}

	@Test
	void authorizeWhenFromAnotherSiteThenRefusedBeforeTheProvider() {
		MvcTestResult authorize = this.mvc.post()
			.uri("/authorize/github")
			.header("Sec-Fetch-Site", "cross-site")
			.exchange();

		assertThat(authorize).hasRedirectedUrl("/");
		assertThat(flashedMessage(authorize)).hasValueSatisfying(
				(message) -> assertThat(message).startsWith("That request came from another website"));
		then(this.pendingSignIns).shouldHaveNoInteractions();
	}

	@Test
	void authorizeWhenTooManyStartsFromOneAddressThen429BeforeTheProvider() {
		given(this.limiter.tryStart(any())).willReturn(false);

		MvcTestResult authorize = this.mvc.post().uri("/authorize/github").exchange();

		assertThat(authorize).hasStatus(429).headers().hasValue("Retry-After", "60");
		then(this.pendingSignIns).shouldHaveNoInteractions();
	}

	@Test
	void authorizeWhenByLinkThenHomeAndNothingStarted() {
		assertThat(this.mvc.get().uri("/authorize/github")).hasRedirectedUrl("/");
		then(this.pendingSignIns).shouldHaveNoInteractions();
	}

	@Test
	void authorizeWhenUnknownProviderThenNotFound() {
		assertThat(this.mvc.post().uri("/authorize/nope")).hasStatus(404);
		then(this.pendingSignIns).shouldHaveNoInteractions();
	}

	@Test
	void authorizeWhenSignedInAlreadyThenBackWithoutANewSignIn() {
		MvcTestResult authorize = this.mvc.post()
			.uri("/authorize/github")
			.param("next", "/account")
			.with(signedIn(person(41, "Ada Lovelace", "github")))
			.with(csrf())
			.exchange();

		assertThat(authorize).hasRedirectedUrl("/account");
		then(this.pendingSignIns).shouldHaveNoInteractions();
	}

	@Test
	void callbackWhenStateMismatchThenRefused() {
		given(this.pendingSignIns.take(any(), eq("acme"), eq(Optional.of("forged")))).willReturn(Optional.empty());

		MvcTestResult callback = this.mvc.get().uri("/callback/acme?code=c-1&state=forged").exchange();

		assertThat(callback).hasRedirectedUrl("/");
		assertThat(flashedMessage(callback)).contains("That sign-in link has expired or was not started here.");
		then(this.registration).shouldHaveNoInteractions();
		then(this.sessionSignIn).shouldHaveNoInteractions();
	}

	@Test
	void callbackWhenCancelledAtTheProviderThenSaysSo() {
		given(this.pendingSignIns.take(any(), eq("github"), any())).willReturn(Optional.of(attempt("github")));

		MvcTestResult callback = this.mvc.get().uri("/callback/github?error=access_denied&state=state-1").exchange();

		assertThat(callback).hasRedirectedUrl("/");
		assertThat(flashedMessage(callback)).contains("You cancelled signing in with GitHub.");
		then(this.sessionSignIn).shouldHaveNoInteractions();
	}

	@Test
	void callbackWhenTheAnswerFailsOurChecksThenNobodySignedIn() {
		given(this.pendingSignIns.take(any(), eq("forge"), any())).willReturn(Optional.of(attempt("forge")));

		MvcTestResult callback = this.mvc.get().uri("/callback/forge?code=c-1&state=state-1").exchange();

		assertThat(callback).hasRedirectedUrl("/");
		assertThat(flashedMessage(callback)).contains(
				"The answer from Forge did not pass our checks, so nobody was signed in. Please try again.");
		then(this.registration).shouldHaveNoInteractions();
		then(this.sessionSignIn).shouldHaveNoInteractions();
	}

	@Test
	void callbackWhenThePersonApprovedThenRegisteredTheirTokensOfferedAndSignedIn() {
		given(this.pendingSignIns.take(any(), eq("okta"), eq(Optional.of("state-1"))))
			.willReturn(Optional.of(attempt("okta")));
		User grace = Accounts.user(52, GRACE, Instant.now());
		given(this.registration.findOrRegister(eq(GRACE), any())).willReturn(new Registration(grace, true));

		MvcTestResult callback = this.mvc.get().uri("/callback/okta?code=c-1&state=state-1").exchange();

		assertThat(callback).hasRedirectedUrl("/account");
		then(this.credentials).should().keep(52, "okta", TOKENS);
		then(this.sessionSignIn).should().signIn(eq(grace), eq("okta"), eq(false), any(), any());
	}

	@Test
	void callbackWhenSignedInAlreadyThenHomeAndNothingSignedIn() {
		MvcTestResult callback = this.mvc.get()
			.uri("/callback/acme?code=c-1&state=state-1")
			.with(signedIn(person(41, "Ada Lovelace", "github")))
			.exchange();

		assertThat(callback).hasRedirectedUrl("/");
		then(this.sessionSignIn).should(never()).signIn(any(), any(), anyBoolean(), any(), any());
	}

	private static PendingAttempt attempt(String provider) {
		return new PendingAttempt(new PendingSignIn(provider, "state-1",
				URI.create("https://" + provider + ".example/authorize"), "protocol-state"), "/account", false,
				null, null, Instant.now());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Providers {

		@Bean
		SignInProvider okta() {
			return new StubSignInProvider(ProviderDescriptor.plain("okta", "Okta"),
					(parameters) -> new CompletedSignIn(GRACE, TOKENS));
		}

		@Bean
		SignInProvider forge() {
			return new StubSignInProvider(ProviderDescriptor.plain("forge", "Forge"), (parameters) -> {
				throw new SignInRejectedException("forge", "invalid_id_token: signed with HS256", null);
			});
		}

	}

}
