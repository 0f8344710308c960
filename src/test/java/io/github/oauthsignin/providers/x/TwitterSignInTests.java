package io.github.oauthsignin.providers.x;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign in with Twitter through the real filter chain, against the strict, independent fake X over HTTP. */
class TwitterSignInTests extends SignInFlowTestSupport {

	private static final String EXPIRED = "That sign-in link has expired or was not started here.";

	private static final String FAILED = "X did not answer, please try again.";

	@Test
	void signInWhenApprovedThenGreetedByNameWithHandleAndRegisteredWith64BitId() {
		twitter.nextPerson(new FakePerson("1456789012345678901", "Zoë Ðurić", "zoe_duric", "zoe@example.com", null));
		TestBrowser.Page page = signIn(browser(), "X");
		assertThat(page.uri().getPath()).isEqualTo("/");
		assertThat(page.greeting()).contains("Hi, Zoë Ðurić!");
		assertThat(page.text(".handle")).contains("@zoe_duric");
		assertThat(users("twitter$1456789012345678901")).isEqualTo(1);
		assertThat(account("twitter$1456789012345678901").get("email"))
			.isEqualTo("zoe@example.com");
		assertThat(twitter.calls()).containsEntry(FakeTwitter.REQUEST_TOKEN, 1)
			.containsEntry(FakeTwitter.AUTHENTICATE, 1)
			.containsEntry(FakeTwitter.ACCESS_TOKEN, 1)
			.containsEntry(FakeTwitter.VERIFY_CREDENTIALS, 1);
		assertThat(twitter.verifiedSignatures()).isEqualTo(3);
		assertThat(twitter.refusals()).isEmpty();
	}

	@Test
	void signInWhenNonAsciiScreenNameThenShownIntact() {
		twitter.nextPerson(new FakePerson("1456789012345678902", "Дмитрий", "Дмитрий_张伟", null, null));
		TestBrowser.Page page = signIn(browser(), "X");
		assertThat(page.greeting()).contains("Hi, Дмитрий!");
		assertThat(page.text(".handle")).contains("@Дмитрий_张伟");
		assertThat(account("twitter$1456789012345678902").get("username"))
			.isEqualTo("Дмитрий_张伟");
	}

	@Test
	void signInWhenCancelledThenToldAndNoFurtherCall() {
		twitter.denyNext();
		TestBrowser.Page page = signIn(browser(), "X");
		assertThat(page.message()).contains("You cancelled signing in with X.");
		assertThat(page.greeting()).isEmpty();
		assertThat(twitter.calls(FakeTwitter.ACCESS_TOKEN)).isZero();
	}

	@Test
	void callbackWhenTokenIsAnotherBrowsersThenRefusedBeforeAnyProviderCall() {
		TestBrowser victim = browser();
		callbackFor(victim, "X");
		TestBrowser attacker = browser();
		String attackersCallback = callbackFor(attacker, "X");
		TestBrowser.Page page = victim.follow(victim.get(attackersCallback));
		assertThat(page.message()).contains(EXPIRED);
		assertThat(page.greeting()).isEmpty();
		assertThat(twitter.calls(FakeTwitter.ACCESS_TOKEN)).isZero();
	}

	@Test
	void callbackWhenNoPendingAttemptThenRefusedBeforeAnyProviderCall() {
		String callback = callbackFor(browser(), "X");
		TestBrowser stranger = browser();
		TestBrowser.Page page = stranger.follow(stranger.get(callback));
		assertThat(page.message()).contains(EXPIRED);
		assertThat(twitter.calls(FakeTwitter.ACCESS_TOKEN)).isZero();
	}

	@Test
	void callbackWhenReplayedThenRefusedBeforeAnyProviderCall() {
		TestBrowser browser = browser();
		String callback = callbackFor(browser, "X");
		assertThat(browser.follow(browser.get(callback)).greeting()).isPresent();
		browser.pressAndFollow(browser.open("/"), "Sign out");
		TestBrowser.Page replay = browser.follow(browser.get(callback));
		assertThat(replay.message()).contains(EXPIRED);
		assertThat(twitter.calls(FakeTwitter.ACCESS_TOKEN)).isEqualTo(1);
	}

	@Test
	void callbackWhenVerifierWrongThenFailureMessage() {
		TestBrowser browser = browser();
		String callback = callbackFor(browser, "X");
		String tampered = UriComponentsBuilder.fromUriString(callback).replaceQueryParam("oauth_verifier", "wrong")
			.build(true).toUriString();
		TestBrowser.Page page = browser.follow(browser.get(tampered));
		assertThat(page.message()).contains(FAILED);
		assertThat(twitter.refusals()).isNotEmpty();
	}

	@Test
	void startWhenRequestTokenRefusedThenFailureMessage() {
		twitter.failNext(FakeTwitter.REQUEST_TOKEN, Fault.answer(
				Response.json(401, "{\"errors\":[{\"code\":32,\"message\":\"Could not authenticate you.\"}]}")));
		assertProviderFailure();
	}

	@Test
	void startWhenCallbackNotConfirmedThenFailureMessage() {
		twitter.failNext(FakeTwitter.REQUEST_TOKEN,
				Fault.answer(Response.html(200, "oauth_token=abc&oauth_token_secret=def&oauth_callback_confirmed=false")));
		assertProviderFailure();
	}

	@Test
	void startWhenRequestTokenAnswerIsNotFormDataThenFailureMessage() {
		twitter.failNext(FakeTwitter.REQUEST_TOKEN, Fault.answer(Response.html(200, "<html>Over capacity</html>")));
		assertProviderFailure();
	}

	@Test
	void startWhenRequestTokenHangsThenFailureMessage() {
		twitter.failNext(FakeTwitter.REQUEST_TOKEN, Fault.stall(Duration.ofSeconds(6)));
		assertProviderFailure();
	}

	@Test
	void callbackWhenAccessTokenRefusedThenFailureMessage() {
		twitter.failNext(FakeTwitter.ACCESS_TOKEN, Fault.answer(
				Response.json(401, "{\"errors\":[{\"code\":89,\"message\":\"Invalid or expired token.\"}]}")));
		assertProviderFailure();
	}

	@Test
	void callbackWhenAccessTokenAnswer500ThenFailureMessage() {
		twitter.failNext(FakeTwitter.ACCESS_TOKEN, Fault.answer(Response.text(500, "oops")));
		assertProviderFailure();
	}

	@Test
	void callbackWhenAccessTokenAnswerHasNoSecretThenFailureMessage() {
		twitter.failNext(FakeTwitter.ACCESS_TOKEN, Fault.answer(Response.html(200, "oauth_token=only-a-token")));
		assertProviderFailure();
	}

	@Test
	void callbackWhenProfileRefusedThenFailureMessage() {
		twitter.failNext(FakeTwitter.VERIFY_CREDENTIALS, Fault.answer(
				Response.json(401, "{\"errors\":[{\"code\":32,\"message\":\"Could not authenticate you.\"}]}")));
		assertProviderFailure();
	}

	@Test
	void callbackWhenProfileIsNotJsonThenFailureMessage() {
		twitter.failNext(FakeTwitter.VERIFY_CREDENTIALS, Fault.answer(Response.html(200, "<html>")));
		assertProviderFailure();
	}

	@Test
	void callbackWhenProfileHasNoIdThenFailureMessageAndNoUser() {
		twitter.failNext(FakeTwitter.VERIFY_CREDENTIALS,
				Fault.answer(Response.json(200, "{\"screen_name\":\"nobody\",\"id\":12}")));
		assertProviderFailure();
		assertThat(users("twitter$null")).isZero();
	}

	@Test
	void callbackWhenProfileHangsThenFailureMessage() {
		twitter.failNext(FakeTwitter.VERIFY_CREDENTIALS, Fault.stall(Duration.ofSeconds(6)));
		assertProviderFailure();
	}

	@Test
	void facebookAndTwitterWorkSideBySideInOneBrowser() {
		TestBrowser browser = browser();
		twitter.nextPerson(new FakePerson("1456789012345678903", "Side", "side_by_side", null, null));
		assertThat(signIn(browser, "X").greeting()).contains("Hi, Side!");
		browser.pressAndFollow(browser.open("/"), "Sign out");
		facebook.nextPerson(person("2101", "Side Facebook", null));
		assertThat(signIn(browser, "Facebook").greeting()).contains("Hi, Side Facebook!");
	}

	private void assertProviderFailure() {
		int before = allUsers();
		TestBrowser.Page page = signIn(browser(), "X");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/");
		assertThat(page.message()).contains(FAILED);
		assertThat(page.greeting()).isEmpty();
		assertThat(page.html()).doesNotContain("Exception");
		assertThat(allUsers()).isEqualTo(before);
	}

}
