package io.github.oauthsignin.security;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.signin.BrowserBinding;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.Simultaneously;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threats of docs/SECURITY.md, one test (or more) each, named after the threat: through the real filter chain,
 * against the strict fake providers over HTTP.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityThreatsTests extends SignInFlowTestSupport {

	private static final String EXPIRED = "That sign-in link has expired or was not started here.";

	private static final String STALE = "That page had expired, so nothing was done. Please try again.";

	private static final String CROSS_SITE = "That request came from another website, so nothing was done. To sign in "
			+ "or out, use the buttons on this page.";

	/** Another site, whose pages post forms to the app. */
	private static final String EVIL = "https://evil.example";

	// 1. Forged or replayed callbacks

	@Test
	void forgedCallbackWhenFacebookAnswerCarriedToTwitterCallbackThenRefusedBeforeAnyProviderCall() {
		TestBrowser browser = browser();
		String facebookAnswer = callbackFor(browser, "Facebook");
		String query = URI.create(facebookAnswer).getRawQuery();
		TestBrowser.Page page = browser.open("/callback/twitter?" + query + "&oauth_token=x&oauth_verifier=y");
		assertThat(page.message()).contains(EXPIRED);
		assertThat(twitter.calls(FakeTwitter.ACCESS_TOKEN)).isZero();
		assertThat(facebook.calls(FakeFacebook.TOKEN)).isZero();
	}

	@Test
	void forgedCallbackWhenTwitterAnswerCarriedToFacebookCallbackThenRefusedBeforeAnyProviderCall() {
		TestBrowser browser = browser();
		String twitterAnswer = callbackFor(browser, "X");
		String token = UriComponentsBuilder.fromUriString(twitterAnswer).build().getQueryParams().getFirst("oauth_token");
		TestBrowser.Page page = browser.open("/callback/facebook?code=x&state=" + token);
		assertThat(page.message()).contains(EXPIRED);
		assertThat(facebook.calls(FakeFacebook.TOKEN)).isZero();
		assertThat(twitter.calls(FakeTwitter.ACCESS_TOKEN)).isZero();
	}

	@Test
	void forgedCallbackWhenStateGuessedThenRefused() {
		TestBrowser browser = browser();
		String callback = callbackFor(browser, "Facebook");
		String guessed = UriComponentsBuilder.fromUriString(callback).replaceQueryParam("state", "AAAAAAAAAAAAAAAAAAAAAA")
			.build(true).toUriString();
		assertThat(browser.follow(browser.get(guessed)).message()).contains(EXPIRED);
		assertThat(facebook.calls(FakeFacebook.TOKEN)).isZero();
	}

	@Test
	void replayedCallbackWhenFinishedAttemptReplayedInAnotherSessionThenRefused() {
		TestBrowser victim = browser();
		String callback = callbackFor(victim, "Facebook");
		victim.follow(victim.get(callback));
		TestBrowser attacker = browser();
		TestBrowser.Page page = attacker.follow(attacker.get(callback));
		assertThat(page.message()).contains(EXPIRED);
		assertThat(page.greeting()).isEmpty();
		assertThat(facebook.calls(FakeFacebook.TOKEN)).isEqualTo(1);
	}

	@Test
	void predictableStateWhenTwoAttemptsThenEachHasFresh256BitStateAndPkceChallenge() {
		Map<String, String> first = dialogQuery(browser());
		Map<String, String> second = dialogQuery(browser());
		assertThat(first.get("state")).hasSize(43).isNotEqualTo(second.get("state"));
		assertThat(first.get("code_challenge")).hasSize(43).isNotEqualTo(second.get("code_challenge"));
		assertThat(first).containsEntry("code_challenge_method", "S256");
	}

	// 2. Login CSRF

	@Test
	void loginCsrfWhenAuthorizePostedFromAnotherSiteThenProviderNeverContacted() {
		TestBrowser browser = browser();
		List<Supplier<HttpResponse<String>>> forms = List.of(
				() -> browser.postFrom(EVIL, "/authorize/facebook", Map.of()),
				() -> browser.postFrom(EVIL, "/authorize/twitter", Map.of()),
				() -> browser.postFrom("http://localhost:1", "/authorize/facebook", Map.of()),
				() -> browser.postFromOldBrowser(EVIL, "/authorize/facebook", Map.of()),
				() -> browser.postFromOldBrowser("null", "/authorize/twitter", Map.of()));
		for (Supplier<HttpResponse<String>> form : forms) {
			HttpResponse<String> response = form.get();
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(browser.follow(response).message()).contains(CROSS_SITE);
		}
		assertThat(facebook.calls(FakeFacebook.DIALOG)).isZero();
		assertThat(twitter.calls(FakeTwitter.REQUEST_TOKEN)).isZero();
		assertThat(browser.cookie(BrowserBinding.COOKIE)).as("no attempt started").isEmpty();
		assertThat(browser.cookie("SESSION")).isEmpty();
	}

	@Test
	void loginCsrfWhenAuthorizeOpenedByLinkThenProviderNeverContacted() {
		TestBrowser browser = browser();
		assertThat(browser.open("/authorize/facebook").uri().getPath()).isEqualTo("/");
		assertThat(browser.open("/authorize/twitter").uri().getPath()).isEqualTo("/");
		assertThat(facebook.calls(FakeFacebook.DIALOG)).isZero();
		assertThat(twitter.calls(FakeTwitter.REQUEST_TOKEN)).isZero();
	}

	@Test
	void loginCsrfWhenAttackersCallbackOpenedInTheVictimsBrowserThenRefusedBeforeAnyProviderCall() {
		TestBrowser attacker = browser();
		facebook.nextPerson(person("7002", "Attacker Alf", null));
		String attackersCallback = callbackFor(attacker, "Facebook");
		TestBrowser victim = browser();
		callbackFor(victim, "Facebook");
		TestBrowser.Page page = victim.follow(victim.get(attackersCallback));
		assertThat(page.message()).contains(EXPIRED);
		assertThat(page.greeting()).isEmpty();
		assertThat(facebook.calls(FakeFacebook.TOKEN)).isZero();
		assertThat(users("facebook$7002")).isZero();
	}

	@Test
	void logoutCsrfWhenFromAnotherSiteByLinkOrWithoutTokenThenStillSignedIn() {
		TestBrowser browser = browser();
		signIn(browser, "Facebook");
		String token = browser.open("/").document().selectFirst("input[name=_csrf]").val();
		assertThat(browser.get("/logout").statusCode()).isEqualTo(404);
		assertThat(browser.follow(browser.postFrom(EVIL, "/logout", Map.of("_csrf", token))).message())
			.as("another site's form, even with a token").contains(CROSS_SITE);
		assertThat(browser.follow(browser.postFromOldBrowser(EVIL, "/logout", Map.of("_csrf", token))).message())
			.contains(CROSS_SITE);
		assertThat(browser.follow(browser.post("/logout", Map.of())).message())
			.as("a form of this site without the session's token").contains(STALE);
		assertThat(browser.follow(browser.postWithoutBrowserHeaders("/logout", Map.of("_csrf", "forged"))).message())
			.as("a browser that sends neither header, with a forged token").contains(STALE);
		assertThat(browser.open("/").greeting()).isPresent();
	}

	@Test
	void logoutCsrfWhenRememberedBrowserWithoutASessionPostsWithoutTokenThenStillSignedIn() {
		TestBrowser browser = browser();
		signInAs(browser, person("7003", "Remembered Rita", null), true);
		browser.restart();
		assertThat(browser.cookie("SESSION")).isEmpty();
		assertThat(browser.follow(browser.postWithoutBrowserHeaders("/logout", Map.of())).message())
			.as("a browser that sends neither header, remembered but without a session yet").contains(STALE);
		assertThat(browser.open("/").greeting()).contains("Hi, Remembered Rita!");
	}

	// 3. Session fixation and cookies

	@Test
	void sessionFixationWhenBrowserBringsASessionIdThenSignInNeverAdoptsIt() {
		TestBrowser victim = browser();
		String planted = "0123456789ABCDEF0123456789ABCDEF";
		victim.setCookie("SESSION", planted);
		facebook.nextPerson(person("7001", "Fixated Victim", null));
		assertThat(signIn(victim, "Facebook").greeting()).contains("Hi, Fixated Victim!");
		assertThat(victim.cookie("SESSION").orElseThrow().getValue()).isNotEqualTo(planted);
		TestBrowser attacker = browser();
		attacker.setCookie("SESSION", planted);
		assertThat(attacker.open("/").greeting()).isEmpty();
	}

	@Test
	void sessionFixationWhenSignedInAgainAfterSignOutThenANewSessionId() {
		TestBrowser browser = browser();
		signIn(browser, "Facebook");
		String first = browser.cookie("SESSION").orElseThrow().getValue();
		TestBrowser copy = browser();
		browser.copyCookiesTo(copy);
		browser.pressAndFollow(browser.open("/"), "Sign out");
		signIn(browser, "Facebook");
		assertThat(browser.cookie("SESSION").orElseThrow().getValue()).isNotEqualTo(first);
		assertThat(copy.open("/").greeting()).isEmpty();
	}

	@Test
	void sessionAfterSignOutWhenOldCookieReplayedThenNotSignedIn() {
		TestBrowser browser = browser();
		signIn(browser, "Facebook");
		TestBrowser stolen = browser();
		browser.copyCookiesTo(stolen);
		browser.pressAndFollow(browser.open("/"), "Sign out");
		assertThat(stolen.open("/").greeting()).isEmpty();
	}

	// 4. Open redirects

	@ParameterizedTest
	@ValueSource(strings = { "//evil.example", "/\\evil.example", "https://evil.example", "%2F%2Fevil.example",
			"/%2F%2Fevil.example", "/%5Cevil.example", "/%252F%252Fevil.example" })
	void openRedirectWhenReturnTargetIsAnotherOriginThenHome(String next) {
		TestBrowser browser = browser();
		TestBrowser.Page home = browser.open("/");
		TestBrowser.Page landed = browser.follow(browser.press(home, "Sign in with Facebook", Map.of("next", next)));
		assertThat(landed.uri().getHost()).isEqualTo("localhost");
		assertThat(landed.uri().getPort()).isEqualTo(this.port);
		assertThat(landed.uri().getRawPath()).isEqualTo("/");
		assertThat(landed.greeting()).isPresent();
		assertThat(browser.history()).noneSatisfy((hop) -> assertThat(hop.uri().getHost()).contains("evil"));
	}

	@Test
	void openRedirectWhenReturnTargetIsALocalPathThenReturnedThere() {
		TestBrowser browser = browser();
		TestBrowser.Page home = browser.open("/?next=/%3Ffrom%3Dhere");
		TestBrowser.Page landed = browser.follow(browser.press(home, "Sign in with Facebook", Map.of()));
		assertThat(landed.uri().getPath()).isEqualTo("/");
		assertThat(landed.uri().getQuery()).isEqualTo("from=here");
	}

	@Test
	void returnTargetWhenOutsideLatin1RawOrEncodedThenRedirectHasAnEncodedLocation() {
		for (String next : List.of("/account?x=ü", "/account?x=%C3%BC", "/account?x=\uD83D\uDE00",
				"/account?x=%F0%9F%98%80")) {
			TestBrowser browser = browser();
			facebook.nextPerson(person("7801", "Unicode Ulla", null));
			HttpResponse<String> started = browser.press(browser.open("/"), "Sign in with Facebook", Map.of("next", next));
			assertThat(started.statusCode()).isEqualTo(302);
			HttpResponse<String> atProvider = browser.get(started.headers().firstValue("Location").orElseThrow());
			HttpResponse<String> callback = browser.get(atProvider.headers().firstValue("Location").orElseThrow());
			assertThat(callback.statusCode()).as(next).isEqualTo(302);
			String location = callback.headers().firstValue("Location").orElse(null);
			assertThat(location).as(next).isNotNull().matches("[\\x21-\\x7E]+");
			assertThat(URI.create(location).getPath()).isEqualTo("/account");
			assertThat(URI.create(location).getRawQuery()).isIn("x=%C3%BC", "x=%F0%9F%98%80");
			assertThat(browser.follow(callback).uri().getPath()).isEqualTo("/account");
		}
	}

	@Test
	void redirectUriInjectionWhenRequestNamesItsOwnCallbackThenIgnored() {
		TestBrowser browser = browser();
		TestBrowser.Page home = browser.open("/");
		HttpResponse<String> started = browser.press(home, "Sign in with Facebook",
				Map.of("redirect_uri", "https://evil.example/steal", "oauth_callback", "https://evil.example/steal"));
		String dialog = started.headers().firstValue("Location").orElseThrow();
		assertThat(URLDecoder.decode(dialog, StandardCharsets.UTF_8)).contains("redirect_uri=" + appUri("/callback/facebook"))
			.doesNotContain("evil");
	}

	// 5. Provider failures

	@Test
	void providerFailureWhenTokenEndpointFailsThenMessageOneLogLineNoUserNoSecret(CapturedOutput output) {
		facebook.failNext(FakeFacebook.TOKEN, Fault.answer(Response.json(400,
				"{\"error\":{\"message\":\"Error validating client secret.\",\"type\":\"OAuthException\",\"code\":1,\"fbtrace_id\":\"Z9\"}}")));
		int before = allUsers();
		TestBrowser.Page page = signIn(browser(), "Facebook");
		assertThat(page.message()).contains("Facebook did not answer, please try again.");
		assertThat(allUsers()).isEqualTo(before);
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("Sign-in with facebook failed")).toList();
		assertThat(lines).hasSize(1);
		// Our words and the error code only: nothing of the provider's error body (its message, its trace id).
		assertThat(lines.get(0)).contains("the provider answered error")
			.doesNotContain("Error validating client secret")
			.doesNotContain("Z9")
			.doesNotContain(FACEBOOK_APP_SECRET);
	}

	@Test
	void providerFailureWhenTwitterAnswersGarbageThenMessageAndNothingStored() {
		twitter.failNext(FakeTwitter.ACCESS_TOKEN, Fault.answer(Response.json(200, "{\"unexpected\":true}")));
		int before = allUsers();
		TestBrowser.Page page = signIn(browser(), "X");
		assertThat(page.message()).contains("X did not answer, please try again.");
		assertThat(allUsers()).isEqualTo(before);
	}

	// 6. Odd profiles

	@Test
	void oddProfileWhenNameHasHtmlThenShownAsText() {
		facebook.nextPerson(person("7101", "Zoë <b>O'Brien</b> 🚀", null));
		TestBrowser.Page page = signIn(browser(), "Facebook");
		assertThat(page.greeting()).contains("Hi, Zoë <b>O'Brien</b> 🚀!");
		assertThat(page.document().select(".greeting b")).isEmpty();
		assertThat(page.html()).contains("&lt;b&gt;O&#39;Brien&lt;/b&gt;");
	}

	@Test
	void oddProfileWhenScriptInNameThenNeverMarkup() {
		facebook.nextPerson(person("7102", "<script>alert(1)</script><img src=x onerror=alert(2)>", null));
		TestBrowser.Page page = signIn(browser(), "Facebook");
		assertThat(page.document().select("script")).isEmpty();
		assertThat(page.document().select("img[onerror]")).isEmpty();
		assertThat(page.greeting()).contains("Hi, <script>alert(1)</script><img src=x onerror=alert(2)>!");
	}

	@Test
	void oddProfileWhenEmojiAndNonLatinScriptsThenIntactInDatabaseAndPage() {
		String name = "Zoë 🚀 张伟 Дмитрий عبد الله हिन्दी";
		facebook.nextPerson(person("7103", name, "zoë@例え.jp"));
		TestBrowser.Page page = signIn(browser(), "Facebook");
		assertThat(page.greeting()).contains("Hi, " + name + "!");
		assertThat(page.response().headers().firstValue("Content-Type").orElseThrow()).containsIgnoringCase("UTF-8");
		assertThat(account("facebook$7103").get("nickname")).isEqualTo(name);
	}

	@Test
	void oddProfileWhenNameIs300CharactersThenShortenedToFitNotRejected() {
		facebook.nextPerson(person("7104", "Ω".repeat(299) + "🚀", null));
		TestBrowser.Page page = signIn(browser(), "Facebook");
		assertThat(page.greeting()).contains("Hi, " + "Ω".repeat(100) + "!");
		assertThat((String) account("facebook$7104").get("nickname")).hasSize(100);
	}

	@Test
	void oddProfileWhenNameEmptyThenFallsBack() {
		facebook.failNext(FakeFacebook.ME, Fault.answer(Response.json(200, "{\"id\":\"7105\",\"name\":\"  \"}")));
		assertThat(signIn(browser(), "Facebook").greeting()).contains("Hi, Facebook user!");
	}

	@Test
	void oddProfileWhenEmailIsNotAnAddressThenDropped() {
		facebook.failNext(FakeFacebook.ME,
				Fault.answer(Response.json(200, "{\"id\":\"7106\",\"name\":\"Odd Email\",\"email\":\"not an address\"}")));
		assertThat(signIn(browser(), "Facebook").greeting()).contains("Hi, Odd Email!");
		assertThat(account("facebook$7106").get("email")).isNull();
	}

	// 7. Races

	@Test
	void raceWhenManyBrowsersSignTheSameNewPersonInAtOnceThenOneUserAndEverySignedIn() throws Exception {
		facebook.nextPerson(person("7201", "Racing Ada", null));
		int browsers = 10;
		List<TestBrowser> all = new ArrayList<>();
		List<String> callbacks = new ArrayList<>();
		for (int i = 0; i < browsers; i++) {
			TestBrowser browser = browser();
			all.add(browser);
			callbacks.add(callbackFor(browser, "Facebook"));
		}
		for (TestBrowser.Page page : Simultaneously.follow(all, callbacks)) {
			assertThat(page.greeting()).contains("Hi, Racing Ada!");
		}
		assertThat(users("facebook$7201")).isEqualTo(1);
	}

	// 8. Headers

	@Test
	void missingHeadersWhenAnyPageServedThenCspNosniffFramesAndReferrerLocked() {
		assertThat(browser().get("/").body()).containsPattern("<script defer src=\"/js/passkeys-[0-9a-f]{32}\\.js\" "
				+ "integrity=\"sha384-[A-Za-z0-9+/]{64}\"></script>");
		TestBrowser browser = browser();
		HttpResponse<String> home = browser.get("/");
		for (HttpResponse<String> response : List.of(home, browser.get("/no-such-page"))) {
			var headers = response.headers();
			String csp = headers.firstValue("Content-Security-Policy").orElseThrow();
			// Only the pages with passkey controls run a script: the app's own, whose integrity hash they name.
			assertThat(csp).contains((response == home) ? "script-src 'self';" : "script-src 'none';")
				.contains("frame-ancestors 'none'")
				.doesNotContain("unsafe-inline");
			assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
			assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
			assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
		}
	}

	@Test
	void formHijackWhenAFormWouldPostElsewhereThenFormActionAllowsOnlyThisSiteAndTheProvidersAuthorizationOrigins() {
		String csp = browser().get("/").headers().firstValue("Content-Security-Policy").orElseThrow();
		String formAction = java.util.Arrays.stream(csp.split(";"))
			.map(String::strip)
			.filter((directive) -> directive.startsWith("form-action "))
			.findFirst()
			.orElseThrow();
		List<String> sources = List.of(formAction.substring("form-action ".length()).split(" "));
		// Facebook, X (OAuth 1.0a), GitHub, forge: their authorization endpoints; Google and acme: their issuers,
		// until discovered, then their authorization endpoints (the same origins here).
		assertThat(sources).containsExactlyInAnyOrder("'self'", facebook.baseUri().toString(),
				twitter.baseUri().toString(), github.baseUri().toString(), google.baseUri().toString(),
				acme.baseUri().toString(), forge.baseUri().toString());
	}

	@Test
	void cachedPrivatePageWhenSignedInThenNoStore() {
		TestBrowser browser = browser();
		signIn(browser, "Facebook");
		HttpResponse<String> home = browser.get("/");
		assertThat(home.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
		String callback = callbackFor(browser(), "Facebook");
		HttpResponse<String> callbackResponse = browser().get(callback);
		assertThat(callbackResponse.headers().firstValue("Referrer-Policy")).contains("no-referrer");
		assertThat(callbackResponse.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
	}

	// 9. Leaks

	@Test
	void leakedSecretsWhenSigningInWithBothProvidersThenNoSecretOrTokenInPagesRedirectsCookiesOrLogs(
			CapturedOutput output) {
		TestBrowser browser = browser();
		signIn(browser, "Facebook");
		browser.pressAndFollow(browser.open("/"), "Sign out");
		signIn(browser, "X");
		browser.pressAndFollow(browser.open("/"), "Sign out");
		twitter.failNext(FakeTwitter.VERIFY_CREDENTIALS, Fault.answer(Response.text(500, "oops")));
		signIn(browser, "X");
		facebook.failNext(FakeFacebook.ME, Fault.answer(Response.text(500, "oops")));
		signIn(browser, "Facebook");

		List<String> secrets = new ArrayList<>(List.of(FACEBOOK_APP_SECRET, TWITTER_CONSUMER_SECRET));
		secrets.addAll(facebook.issuedAccessTokens());
		secrets.addAll(twitter.issuedSecrets());
		assertThat(secrets).hasSizeGreaterThan(4);
		StringBuilder seen = new StringBuilder();
		for (TestBrowser.Hop hop : browser.history()) {
			if (isApp(hop.uri())) {
				seen.append(hop.uri()).append('\n').append(hop.location()).append('\n').append(hop.setCookies())
					.append('\n').append(hop.body()).append('\n');
			}
			else {
				// What the app sends the browser to at a provider is visible to the person, too.
				seen.append(hop.uri()).append('\n');
			}
		}
		String logs = output.getOut() + output.getErr();
		for (String secret : secrets) {
			assertThat(seen.toString()).as("pages, redirects and cookies").doesNotContain(secret);
			assertThat(logs).as("log lines").doesNotContain(secret);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/callback/myspace", "/authorize/unknown", "/callback/", "/callback/facebook/extra",
			"/%2e%2e/%2e%2e/etc/passwd", "/callback/..%2Ffacebook", "/css/../../application.properties",
			"/WEB-INF/web.xml", "/error/../callback" })
	void errorPageWhenUnknownProviderOrOddPathThen404WithoutExceptionText(String path) {
		TestBrowser.Page page = browser().open(path);
		assertThat(page.status()).isIn(400, 404);
		assertThat(page.html()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("at io.")
			.doesNotContain("Whitelabel");
	}

	private boolean isApp(URI uri) {
		return uri.getPort() == this.port;
	}

	private Map<String, String> dialogQuery(TestBrowser browser) {
		TestBrowser.Page home = browser.open("/");
		String dialog = browser.press(home, "Sign in with Facebook", Map.of()).headers().firstValue("Location")
			.orElseThrow();
		return UriComponentsBuilder.fromUriString(dialog).build(true).getQueryParams().toSingleValueMap();
	}

}
