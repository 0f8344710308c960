package io.github.oauthsignin.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.github.oauthsignin.passkey.PasskeyCredentials;
import io.github.oauthsignin.person.SignInWebMvcTest;
import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.security.SecuritySlice;
import io.github.oauthsignin.security.SessionSignIn;
import io.github.oauthsignin.security.SessionSignOut;
import io.github.oauthsignin.security.SignOutEverywhere;
import io.github.oauthsignin.signin.StubProviders;
import io.github.oauthsignin.tokens.KeptTokens;
import io.github.oauthsignin.user.Accounts;
import io.github.oauthsignin.user.IdentityLinks;
import io.github.oauthsignin.user.IdentityLinks.Unlink;
import io.github.oauthsignin.user.SignInHistory;
import io.github.oauthsignin.user.SignInHistoryProperties;
import io.github.oauthsignin.user.SignInProfile;
import io.github.oauthsignin.user.User;
import io.github.oauthsignin.user.UserRepository;

import static io.github.oauthsignin.person.SignedInRequests.signedIn;
import static io.github.oauthsignin.support.SlicePages.flashedMessage;
import static io.github.oauthsignin.support.SlicePages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/** The account page and its forms: what they show, what they change, and what they refuse. */
@SignInWebMvcTest(AccountController.class)
@Import(StubProviders.class)
@EnableConfigurationProperties(SignInHistoryProperties.class)
class AccountControllerTests {

	static final Instant REGISTERED = Instant.parse("2026-11-27T06:44:20Z");

	static final SignInProfile ADA_AT_GITHUB = SignInProfile.of("github", "583231", "ada@example.com", null,
			"Ada Lovelace");

	static final SignedInUser ADA = new SignedInUser(41, "Ada Lovelace", "ada@example.com", null, null, "github",
			null);

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	UserRepository users;

	@MockitoBean
	AccountDeletion deletion;

	@MockitoBean
	SessionSignOut signOut;

	@MockitoBean
	IdentityLinks links;

	@MockitoBean
	SignInHistory history;

	@MockitoBean
	SignOutEverywhere signOutEverywhere;

	@MockitoBean
	SessionSignIn sessionSignIn;

	@MockitoBean
	KeptTokens keptTokens;

	@MockitoBean
	PasskeyCredentials passkeys;

	@Test
	void accountWhenSignedInThenWhatWeKeepAndEachSignInMethod() {
		User ada = Accounts.user(41, ADA_AT_GITHUB, REGISTERED);
		given(this.users.findById(41L)).willReturn(Optional.of(ada));
		given(this.links.identitiesOf(41)).willReturn(List.of(Accounts.identity(ada, ADA_AT_GITHUB, REGISTERED)));
		given(this.keptTokens.keptFor(41)).willReturn(List.of(new KeptTokens.Kept("github", List.of("read:user"),
				REGISTERED)));

		MvcTestResult account = this.mvc.get().uri("/account").with(signedIn(ADA)).exchange();

		assertThat(account).hasStatusOk();
		Document page = page(account);
		assertThat(page.select(".account-nickname").text()).isEqualTo("Ada Lovelace");
		assertThat(page.select(".account-email").text()).isEqualTo("ada@example.com");
		assertThat(page.select("li.method:not(.kept-access)[data-provider=github] .method-status").text())
			.startsWith("Connected: Ada Lovelace");
		assertThat(page.select("li.method[data-provider=acme] button").text()).isEqualTo("Connect Acme ID");
		assertThat(page.select("li.kept-access[data-provider=github] .kept-scopes").text()).contains("read:user");
		assertThat(page.select("form[method=post]")).isNotEmpty()
			.allSatisfy((form) -> assertThat(form.select("input[name=_csrf]")).hasSize(1));
	}

	@Test
	void accountWhenVisitorThenSentToSignInFirstWithTheWayBack() {
		MvcTestResult account = this.mvc.get().uri("/account").exchange();

		assertThat(account).hasStatus3xxRedirection().hasRedirectedUrl("/?next=%2Faccount");
		assertThat(flashedMessage(account)).contains("Sign in to see your account.");
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void accountWhenSessionsOfTheAccountWereEndedThenSignedOut() {
		SignedInUser ended = new SignedInUser(41, "Ada Lovelace", null, null, null, "github",
				new SignedInUser.Stamp(SecuritySlice.INSTALLATION, 7));

		MvcTestResult account = this.mvc.get().uri("/account").with(signedIn(ended)).exchange();

		assertThat(account).hasStatus3xxRedirection().hasRedirectedUrl("/?next=%2Faccount");
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void accountWhenAccountGoneMeanwhileThenSignedOutWithAMessage() {
		given(this.users.findById(41L)).willReturn(Optional.empty());

		MvcTestResult account = this.mvc.get().uri("/account").with(signedIn(ADA)).exchange();

		assertThat(account).hasStatus3xxRedirection().hasRedirectedUrl("/");
		assertThat(flashedMessage(account)).contains("Your account has been deleted. Signing in again starts a new one.");
		then(this.signOut).should().signOut(any(), any(), any());
	}

	@Test
	void disconnectWhenTheWayInOfThisSessionThenDisconnectedAndSignedOut() {
		given(this.deletion.disconnect(41, "github")).willReturn(Unlink.DISCONNECTED);

		MvcTestResult disconnect = this.mvc.post().uri("/account/disconnect/github").with(signedIn(ADA)).with(csrf())
			.exchange();

		assertThat(disconnect).hasStatus3xxRedirection().hasRedirectedUrl("/");
		assertThat(flashedMessage(disconnect)).contains(
				"GitHub is no longer connected. You had signed in with it, so you are signed out: sign in with another "
						+ "of your providers.");
		then(this.signOutEverywhere).should().signedInThrough(41, "github");
		then(this.signOut).should().signOut(any(), any(), any());
	}

	@Test
	void disconnectWhenTheOnlyWayInThenKeptWithAMessage() {
		given(this.deletion.disconnect(41, "github")).willReturn(Unlink.LAST_ONE);

		MvcTestResult disconnect = this.mvc.post().uri("/account/disconnect/github").with(signedIn(ADA)).with(csrf())
			.exchange();

		assertThat(disconnect).hasStatus3xxRedirection().hasRedirectedUrl("/account");
		assertThat(flashedMessage(disconnect))
			.contains("GitHub is your only way to sign in, so it stays connected. Connect another provider first.");
		then(this.signOut).shouldHaveNoInteractions();
	}

	@Test
	void disconnectWhenNoCsrfTokenThenRefusedAndNothingChanged() {
		MvcTestResult disconnect = this.mvc.post().uri("/account/disconnect/github").with(signedIn(ADA)).exchange();

		assertThat(disconnect).hasStatus3xxRedirection().hasRedirectedUrl("/");
		assertThat(flashedMessage(disconnect))
			.contains("That page had expired, so nothing was done. Please try again.");
		then(this.deletion).shouldHaveNoInteractions();
	}

	@Test
	void disconnectWhenFromAnotherSiteThenRefusedEvenWithAToken() {
		MvcTestResult disconnect = this.mvc.post()
			.uri("/account/disconnect/github")
			.header("Sec-Fetch-Site", "cross-site")
			.with(signedIn(ADA))
			.with(csrf())
			.exchange();

		assertThat(disconnect).hasStatus3xxRedirection().hasRedirectedUrl("/");
		assertThat(flashedMessage(disconnect)).hasValueSatisfying(
				(message) -> assertThat(message).startsWith("That request came from another website"));
		then(this.deletion).shouldHaveNoInteractions();
	}

	@Test
	void disconnectWhenByLinkThenTheAccountPageAndNothingChanged() {
		assertThat(this.mvc.get().uri("/account/disconnect/github").with(signedIn(ADA)))
			.hasRedirectedUrl("/account");
		then(this.deletion).shouldHaveNoInteractions();
	}

	@Test
	void signOutOthersWhenPostedThenEveryOtherSessionEndsAndThisOneStays() {
		given(this.sessionSignIn.again(any(), any(), any())).willReturn(true);

		MvcTestResult signOutOthers = this.mvc.post().uri("/account/sign-out-others").with(signedIn(ADA)).with(csrf())
			.exchange();

		assertThat(signOutOthers).hasStatus3xxRedirection().hasRedirectedUrl("/account");
		assertThat(flashedMessage(signOutOthers)).hasValueSatisfying(
				(message) -> assertThat(message).startsWith("You are signed out of all other sessions"));
		then(this.signOutEverywhere).should().allBut(eq(41L), anyString());
		then(this.signOut).shouldHaveNoInteractions();
	}

	@Test
	void forgetWhenTokensKeptThenForgottenWithAMessage() {
		given(this.keptTokens.forget(41, "github")).willReturn(true);

		MvcTestResult forget = this.mvc.post().uri("/account/forget/github").with(signedIn(ADA)).with(csrf())
			.exchange();

		assertThat(forget).hasRedirectedUrl("/account");
		assertThat(flashedMessage(forget)).hasValueSatisfying(
				(message) -> assertThat(message).startsWith("We no longer keep access to your GitHub account"));
	}

	@Test
	void forgetWhenNothingKeptThenSaysSo() {
		MvcTestResult forget = this.mvc.post().uri("/account/forget/github").with(signedIn(ADA)).with(csrf())
			.exchange();

		assertThat(flashedMessage(forget)).contains("We keep no access to your GitHub account.");
	}

	@Test
	void deleteWhenNotConfirmedThenTheConfirmationPageAndNothingDeleted() {
		MvcTestResult delete = this.mvc.post().uri("/account/delete").with(signedIn(ADA)).with(csrf()).exchange();

		assertThat(delete).hasRedirectedUrl("/account/delete");
		then(this.deletion).shouldHaveNoInteractions();
		assertThat(page(this.mvc.get().uri("/account/delete").with(signedIn(ADA)).exchange())
			.select("form[action=/account/delete] input[name=confirm]").attr("value")).isEqualTo("yes");
	}

	@Test
	void deleteWhenConfirmedThenDeletedAndSignedOut() {
		given(this.deletion.delete(41)).willReturn(true);

		MvcTestResult delete = this.mvc.post()
			.uri("/account/delete")
			.param("confirm", "yes")
			.with(signedIn(ADA))
			.with(csrf())
			.exchange();

		assertThat(delete).hasRedirectedUrl("/");
		assertThat(flashedMessage(delete)).contains("Your account has been deleted. Signing in again starts a new one.");
		then(this.deletion).should().delete(41);
		then(this.signOut).should().signOut(any(), any(), any());
		then(this.history).should(never()).latest(anyLong(), anyInt());
	}

}
