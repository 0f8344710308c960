package io.github.oauthsignin.providers.facebook;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign in with Facebook through the real filter chain, against the strict fake Facebook over HTTP. */
class FacebookSignInTests extends SignInFlowTestSupport {

	private static final String EXPIRED = "That sign-in link has expired or was not started here.";

	private static final String FAILED = "Facebook did not answer, please try again.";

	@Test
	void signInWhenApprovedThenGreetedByNameAndRegistered() {
		facebook.nextPerson(person("2001", "Ada Lovelace", "ada@example.com"));
		TestBrowser.Page page = signIn(browser(), "Facebook");
		assertThat(page.uri().getPath()).isEqualTo("/");
		assertThat(page.greeting()).contains("Hi, Ada Lovelace!");
		assertThat(account("facebook$2001"))
			.containsEntry("NICKNAME", "Ada Lovelace")
			.containsEntry("EMAIL", "ada@example.com");
		assertThat(facebook.calls()).containsEntry(FakeFacebook.DIALOG, 1)
			.containsEntry(FakeFacebook.TOKEN, 1)
			.containsEntry(FakeFacebook.ME, 1);
		assertThat(facebook.refusals()).isEmpty();
	}

	@Test
	void signInWhenNoEmailThenSignedInWithoutOne() {
		facebook.nextPerson(person("2002", "Alan Turing", null));
		TestBrowser.Page page = signIn(browser(), "Facebook");
		assertThat(page.greeting()).contains("Hi, Alan Turing!");
		assertThat(account("facebook$2002").get("email")).isNull();
	}

	@Test
	void signInWhenReturningThenSameUserWithFreshNicknameAndEmail() {
		facebook.nextPerson(person("2003", "Grace", "grace@example.com"));
		signIn(browser(), "Facebook");
		facebook.nextPerson(person("2003", "Grace Hopper", "hopper@example.com"));
		TestBrowser.Page page = signIn(browser(), "Facebook");
		assertThat(page.greeting()).contains("Hi, Grace Hopper!");
		assertThat(users("facebook$2003")).isEqualTo(1);
		assertThat(account("facebook$2003").get("email")).isEqualTo("hopper@example.com");
	}

	@Test
	void signInWhenNoNameThenEmailLocalPartIsTheNickname() {
		// Facebook always sends a name today; the fallback guards the day it does not.
		facebook.failNext(FakeFacebook.ME,
				Fault.answer(Response.json(200, "{\"id\":\"2004\",\"email\":\"margaret@example.com\"}")));
		assertThat(signIn(browser(), "Facebook").greeting()).contains("Hi, margaret!");
	}

	@Test
	void signInSendsStateAndPkceAndTheRegisteredCallback() {
		TestBrowser browser = browser();
		signIn(browser, "Facebook");
		URI dialog = browser.history().stream()
			.filter((hop) -> hop.uri().getPath().endsWith("/dialog/oauth"))
			.findFirst()
			.orElseThrow()
			.uri();
		Map<String, String> query = UriComponentsBuilder.fromUri(dialog).build(true).getQueryParams().toSingleValueMap();
		assertThat(query).containsEntry("client_id", FACEBOOK_APP_ID)
			.containsEntry("response_type", "code")
			.containsEntry("code_challenge_method", "S256")
			.containsKey("code_challenge");
		assertThat(URLDecoder.decode(query.get("redirect_uri"), StandardCharsets.UTF_8))
			.isEqualTo(appUri("/callback/facebook"));
		// 256 random bits, base64url: 43 characters; at least 128 bits are required.
		assertThat(query.get("state")).hasSizeGreaterThanOrEqualTo(22);
		assertThat(dialog.getPath()).startsWith("/v25.0/");
	}

	@Test
	void signInWhenCancelledThenToldAndNobodySignedIn() {
		facebook.denyNext();
		TestBrowser browser = browser();
		TestBrowser.Page page = signIn(browser, "Facebook");
		assertThat(page.message()).contains("You cancelled signing in with Facebook.");
		assertThat(page.greeting()).isEmpty();
		assertThat(facebook.calls(FakeFacebook.TOKEN)).isZero();
		assertThat(browser.open("/").greeting()).isEmpty();
	}

	@Test
	void callbackWhenStateForgedThenRefusedBeforeAnyProviderCall() {
		TestBrowser browser = browser();
		String callback = callbackFor(browser, "Facebook");
		String forged = UriComponentsBuilder.fromUriString(callback).replaceQueryParam("state", "forged-state")
			.build(true).toUriString();
		TestBrowser.Page page = browser.follow(browser.get(forged));
		assertThat(page.message()).contains(EXPIRED);
		assertThat(page.greeting()).isEmpty();
		assertThat(facebook.calls(FakeFacebook.TOKEN)).isZero();
	}

	@Test
	void callbackWhenStateMissingThenRefusedBeforeAnyProviderCall() {
		TestBrowser browser = browser();
		String callback = callbackFor(browser, "Facebook");
		String withoutState = UriComponentsBuilder.fromUriString(callback).replaceQueryParam("state")
			.build(true).toUriString();
		TestBrowser.Page page = browser.follow(browser.get(withoutState));
		assertThat(page.message()).contains(EXPIRED);
		assertThat(facebook.calls(FakeFacebook.TOKEN)).isZero();
	}

	@Test
	void callbackWhenNoPendingAttemptThenRefusedBeforeAnyProviderCall() {
		String callback = callbackFor(browser(), "Facebook");
		TestBrowser stranger = browser();
		TestBrowser.Page page = stranger.follow(stranger.get(callback));
		assertThat(page.message()).contains(EXPIRED);
		assertThat(page.greeting()).isEmpty();
		assertThat(facebook.calls(FakeFacebook.TOKEN)).isZero();
	}

	@Test
	void callbackWhenReplayedThenRefusedBeforeAnyProviderCall() {
		TestBrowser browser = browser();
		String callback = callbackFor(browser, "Facebook");
		assertThat(browser.follow(browser.get(callback)).greeting()).isPresent();
		browser.pressAndFollow(browser.open("/"), "Sign out");
		TestBrowser.Page replay = browser.follow(browser.get(callback));
		assertThat(replay.message()).contains(EXPIRED);
		assertThat(replay.greeting()).isEmpty();
		assertThat(facebook.calls(FakeFacebook.TOKEN)).isEqualTo(1);
	}

	@Test
	void callbackWhenTokenEndpointAnswers500ThenFailureMessage() {
		facebook.failNext(FakeFacebook.TOKEN, Fault.answer(Response.text(500, "Internal Server Error")));
		assertProviderFailure();
	}

	@Test
	void callbackWhenTokenEndpointAnswersOAuthErrorThenFailureMessage() {
		facebook.failNext(FakeFacebook.TOKEN, Fault.answer(Response.json(400,
				"{\"error\":{\"message\":\"This authorization code has been used.\",\"type\":\"OAuthException\",\"code\":100,\"fbtrace_id\":\"A1\"}}")));
		assertProviderFailure();
	}

	@Test
	void callbackWhenTokenResponseIsNotJsonThenFailureMessage() {
		facebook.failNext(FakeFacebook.TOKEN, Fault.answer(Response.html(200, "<html>maintenance</html>")));
		assertProviderFailure();
	}

	@Test
	void callbackWhenTokenResponseHasNoTokenThenFailureMessage() {
		facebook.failNext(FakeFacebook.TOKEN,
				Fault.answer(Response.json(200, "{\"token_type\":\"bearer\",\"expires_in\":5183944}")));
		assertProviderFailure();
	}

	@Test
	void callbackWhenTokenEndpointHangsThenFailureMessageWithinTheTimeout() {
		facebook.failNext(FakeFacebook.TOKEN, Fault.stall(Duration.ofSeconds(6)));
		long started = System.nanoTime();
		assertProviderFailure();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void callbackWhenGraphAnswersErrorThenFailureMessage() {
		facebook.failNext(FakeFacebook.ME, Fault.answer(Response.json(400,
				"{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\",\"code\":190,\"fbtrace_id\":\"B2\"}}")));
		assertProviderFailure();
	}

	@Test
	void callbackWhenGraphAnswers503ThenFailureMessage() {
		facebook.failNext(FakeFacebook.ME, Fault.answer(Response.text(503, "Service Unavailable")));
		assertProviderFailure();
	}

	@Test
	void callbackWhenProfileIsNotJsonThenFailureMessage() {
		facebook.failNext(FakeFacebook.ME, Fault.answer(Response.json(200, "{not json")));
		assertProviderFailure();
	}

	@Test
	void callbackWhenProfileHasNoIdThenFailureMessageAndNoUser() {
		facebook.failNext(FakeFacebook.ME, Fault.answer(Response.json(200, "{\"name\":\"Nobody\"}")));
		assertProviderFailure();
		assertThat(users("facebook$null")).isZero();
	}

	@Test
	void callbackWhenGraphHangsThenFailureMessage() {
		facebook.failNext(FakeFacebook.ME, Fault.stall(Duration.ofSeconds(6)));
		assertProviderFailure();
	}

	@Test
	void authorizeWhenGetThenGoesHomeWithoutContactingFacebook() {
		HttpResponse<String> response = browser().get("/authorize/facebook");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(URI.create(location).getPath()).isEqualTo("/"));
		assertThat(facebook.calls(FakeFacebook.DIALOG)).isZero();
	}

	@Test
	void authorizeWhenAlreadySignedInThenHome() {
		TestBrowser browser = browser();
		signIn(browser, "Facebook");
		facebook.reset();
		facebook.allowRedirectUri(appUri("/callback/facebook"));
		TestBrowser.Page home = browser.open("/");
		assertThat(home.greeting()).isPresent();
		HttpResponse<String> again = browser.post("/authorize/facebook",
				Map.of("_csrf", home.document().selectFirst("input[name=_csrf]").val()));
		assertThat(again.headers().firstValue("Location").map(URI::create).map(URI::getPath)).contains("/");
		assertThat(facebook.calls(FakeFacebook.DIALOG)).isZero();
	}

	@Test
	void signOutThenSignedOutAndToldSo() {
		TestBrowser browser = browser();
		signIn(browser, "Facebook");
		TestBrowser.Page page = browser.pressAndFollow(browser.open("/"), "Sign out");
		assertThat(page.greeting()).isEmpty();
		assertThat(page.message()).contains("You have signed out.");
		assertThat(browser.open("/").greeting()).isEmpty();
	}

	private void assertProviderFailure() {
		int before = allUsers();
		TestBrowser browser = browser();
		TestBrowser.Page page = signIn(browser, "Facebook");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/");
		assertThat(page.message()).contains(FAILED);
		assertThat(page.greeting()).isEmpty();
		assertThat(page.html()).doesNotContain("Exception").doesNotContain("at io.github");
		assertThat(allUsers()).isEqualTo(before);
	}

}
