package io.github.oauthsignin.fake.facebook;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.FakeServer.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Proves the fake Facebook strict by talking to it over HTTP as a client would, with the JDK's HTTP client and
 * its own little PKCE and appsecret_proof code: nothing from the application.
 */
class FakeFacebookTests {

	private static final String CLIENT_ID = "1234567890";

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	private static final String CALLBACK = "http://127.0.0.1:8080/signin/facebook/callback";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private FakeFacebook facebook;

	@BeforeEach
	void startFacebook() {
		this.facebook = FakeFacebook.start(CLIENT_ID, SECRET);
		this.facebook.allowRedirectUri(CALLBACK);
	}

	@AfterEach
	void stopFacebook() {
		this.facebook.close();
	}

	// ---------------------------------------------------------------- vectors

	@Test
	void pkceS256WhenRfc7636VectorThenMatches() {
		assertThat(FakeFacebook.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
			.isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
		assertThat(challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
			.isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
	}

	@Test
	void appSecretProofWhenKnownVectorThenMatches() {
		assertThat(FakeFacebook.appSecretProof("secret", "456"))
			.isEqualTo("d32b1d35fd115c4a496e06fd8df67eed8057688b17140a2cef365cb235817102");
		assertThat(proofOf("secret", "456"))
			.isEqualTo("d32b1d35fd115c4a496e06fd8df67eed8057688b17140a2cef365cb235817102");
	}

	@Test
	void tokenWhenRfc7636VectorVerifierThenAccepted() throws Exception {
		Map<String, String> callback = approve(CALLBACK, "s", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
		HttpResponse<String> token = postToken(tokenForm(callback.get("code"), CALLBACK,
				"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
		assertThat(token.statusCode()).isEqualTo(200);
	}

	// ---------------------------------------------------------------- the happy path

	@Test
	void signInWhenEverythingIsRightThenProfileHasRequestedFields() throws Exception {
		String verifier = newVerifier();
		HttpResponse<String> dialog = get(dialogUri(CALLBACK, "the-state", challengeOf(verifier)));
		assertThat(dialog.statusCode()).isEqualTo(302);
		String location = dialog.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(CALLBACK + "?code=").endsWith("&state=the-state#_=_");
		Map<String, String> callback = callbackParameters(location);

		HttpResponse<String> token = postToken(tokenForm(callback.get("code"), CALLBACK, verifier));
		assertThat(token.statusCode()).isEqualTo(200);
		assertThat(token.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		Map<String, Object> tokenBody = json(token);
		assertThat(tokenBody).containsEntry("token_type", "bearer").containsEntry("expires_in", 5183944);
		String accessToken = (String) tokenBody.get("access_token");
		assertThat(this.facebook.issuedAccessTokens()).containsExactly(accessToken);

		HttpResponse<String> me = me(this.facebook.userInfoUri(), accessToken, proofOf(SECRET, accessToken));
		assertThat(me.statusCode()).isEqualTo(200);
		Map<String, Object> profile = json(me);
		FakePerson ada = FakePerson.READY_MADE.get(0);
		assertThat(profile).containsOnlyKeys("id", "name", "email", "picture")
			.containsEntry("id", ada.id())
			.containsEntry("name", ada.name())
			.containsEntry("email", ada.email());
		assertThat(profile.get("picture")).isEqualTo(Map.of("data", Map.of("height", 50, "is_silhouette", true,
				"url", this.facebook.baseUri() + "/static/silhouette.svg", "width", 50)));
		assertThat(this.facebook.refusals()).isEmpty();
		assertThat(this.facebook.calls()).containsEntry(FakeFacebook.DIALOG, 1)
			.containsEntry(FakeFacebook.TOKEN, 1)
			.containsEntry(FakeFacebook.ME, 1);
	}

	@Test
	void meWhenPersonHasNoEmailThenNoEmailField() throws Exception {
		this.facebook.nextPerson(FakePerson.READY_MADE.get(2));
		String accessToken = signIn();
		Map<String, Object> profile = json(me(this.facebook.userInfoUri(), accessToken, proofOf(SECRET, accessToken)));
		assertThat(profile).containsOnlyKeys("id", "name", "picture").containsEntry("name", "Alan Turing (no email)");
	}

	@Test
	void meWhenPersonHasPictureThenNotSilhouette() throws Exception {
		this.facebook.nextPerson(new FakePerson("42", "Pic Person", null, null, "https://example.com/p.jpg"));
		String accessToken = signIn();
		Map<String, Object> profile = json(me(meUri("id,picture"), accessToken, proofOf(SECRET, accessToken)));
		assertThat(profile.get("picture")).isEqualTo(Map.of("data", Map.of("height", 50, "is_silhouette", false,
				"url", "https://example.com/p.jpg", "width", 50)));
	}

	@Test
	void meWhenEmailScopeNotAskedThenNoEmail() throws Exception {
		String verifier = newVerifier();
		String uri = this.facebook.authorizationUri() + "?client_id=" + CLIENT_ID + "&redirect_uri=" + enc(CALLBACK)
				+ "&state=s&response_type=code&scope=public_profile&code_challenge=" + challengeOf(verifier)
				+ "&code_challenge_method=S256";
		String code = callbackParameters(location(get(uri))).get("code");
		String accessToken = accessToken(postToken(tokenForm(code, CALLBACK, verifier)));
		Map<String, Object> profile = json(me(this.facebook.userInfoUri(), accessToken, proofOf(SECRET, accessToken)));
		assertThat(profile).doesNotContainKey("email").containsKeys("id", "name");
	}

	@Test
	void meWhenNoFieldsThenOnlyIdAndName() throws Exception {
		String accessToken = signIn();
		Map<String, Object> profile = json(me(meUri(null), accessToken, proofOf(SECRET, accessToken)));
		assertThat(profile).containsOnlyKeys("id", "name");
	}

	@Test
	void meWhenFieldsFilteredThenOnlyThoseAndId() throws Exception {
		String accessToken = signIn();
		Map<String, Object> emailOnly = json(me(meUri("email"), accessToken, proofOf(SECRET, accessToken)));
		assertThat(emailOnly).containsOnlyKeys("email", "id");
		Map<String, Object> nameAndPicture = json(me(meUri("name,picture"), accessToken, proofOf(SECRET, accessToken)));
		assertThat(nameAndPicture).containsOnlyKeys("name", "picture", "id");
	}

	@Test
	void meWhenUnknownFieldThenRefused() throws Exception {
		String accessToken = signIn();
		HttpResponse<String> me = me(meUri("id,birthday"), accessToken, proofOf(SECRET, accessToken));
		assertGraphError(me, 100, "(#100) Tried accessing nonexisting field (birthday) on node type (User)");
	}

	@Test
	void meWhenNameHasMarkupAndEmojiThenJsonCarriesItExactly() throws Exception {
		FakePerson zoe = FakePerson.READY_MADE.get(3);
		this.facebook.nextPerson(zoe);
		String accessToken = signIn();
		HttpResponse<String> me = me(this.facebook.userInfoUri(), accessToken, proofOf(SECRET, accessToken));
		assertThat(me.headers().firstValue("Content-Type").orElseThrow()).containsIgnoringCase("charset=UTF-8");
		assertThat(json(me)).containsEntry("name", "Zoë <b>O'Brien</b> 🚀");
	}

	@Test
	void meWhenAccessTokenInQueryThenAccepted() throws Exception {
		String accessToken = signIn();
		HttpResponse<String> me = get(meUri("id,name") + "&access_token=" + enc(accessToken) + "&appsecret_proof="
				+ proofOf(SECRET, accessToken));
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(json(me)).containsEntry("id", FakePerson.READY_MADE.get(0).id());
	}

	// ---------------------------------------------------------------- token refusals

	@Test
	void tokenWhenClientUnknownThenRefused() throws Exception {
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		Map<String, String> form = tokenForm(code, CALLBACK, verifier);
		form.put("client_id", "999");
		assertGraphError(postToken(form), 101, "Error validating application. Invalid application ID.");
		assertThat(this.facebook.refusals()).hasSize(1);
	}

	@Test
	void tokenWhenSecretWrongThenRefused() throws Exception {
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		Map<String, String> form = tokenForm(code, CALLBACK, verifier);
		form.put("client_secret", "not-the-secret");
		assertGraphError(postToken(form), 1, "Error validating client secret.");
		form.remove("client_secret");
		assertGraphError(postToken(form), 1, "Error validating client secret.");
		assertThat(this.facebook.issuedAccessTokens()).isEmpty();
	}

	@Test
	void tokenWhenCodeUsedTwiceThenRefusedAndFirstTokenRevoked() throws Exception {
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		String accessToken = accessToken(postToken(tokenForm(code, CALLBACK, verifier)));
		assertGraphError(postToken(tokenForm(code, CALLBACK, verifier)), 100, "This authorization code has been used.");
		HttpResponse<String> me = me(this.facebook.userInfoUri(), accessToken, proofOf(SECRET, accessToken));
		assertThat(me.statusCode()).isEqualTo(400);
		assertThat(error(me)).containsEntry("code", 190);
	}

	@Test
	void tokenWhenRedirectUriChangedThenRefused() throws Exception {
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		String message = "Error validating verification code. Please make sure your redirect_uri is identical to the "
				+ "one you used in the OAuth dialog request";
		assertGraphError(postToken(tokenForm(code, CALLBACK + "/", verifier)), 100, message);
		assertGraphError(postToken(tokenForm(code, CALLBACK.replace("127.0.0.1", "localhost"), verifier)), 100,
				message);
		Map<String, String> form = tokenForm(code, CALLBACK, verifier);
		form.remove("redirect_uri");
		assertThat(error(postToken(form))).containsEntry("type", "OAuthException");
		assertThat(postToken(tokenForm(code, CALLBACK, verifier)).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenWhenVerifierWrongThenRefused() throws Exception {
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		assertGraphError(postToken(tokenForm(code, CALLBACK, newVerifier())), 100, "Invalid code verifier");
		assertGraphError(postToken(tokenForm(code, CALLBACK, challengeOf(verifier))), 100, "Invalid code verifier");
		assertThat(this.facebook.issuedAccessTokens()).isEmpty();
	}

	@Test
	void tokenWhenVerifierMissingThenRefused() throws Exception {
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		assertGraphError(postToken(tokenForm(code, CALLBACK, null)), 100, "Invalid code verifier");
	}

	@Test
	void tokenWhenVerifierSentButDialogHadNoChallengeThenRefused() throws Exception {
		String code = approve(CALLBACK, "s", null).get("code");
		assertGraphError(postToken(tokenForm(code, CALLBACK, newVerifier())), 100, "Invalid code verifier");
		assertThat(postToken(tokenForm(code, CALLBACK, null)).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenWhenCodeUnknownThenRefused() throws Exception {
		assertGraphError(postToken(tokenForm("made-up", CALLBACK, newVerifier())), 100,
				"Invalid verification code format.");
	}

	@Test
	void tokenWhenCodeExpiredThenRefused() throws Exception {
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		this.facebook.advanceClock(Duration.ofMinutes(10).plusSeconds(1));
		assertGraphError(postToken(tokenForm(code, CALLBACK, verifier)), 100, "This authorization code has expired.");
	}

	@Test
	void tokenWhenGetWithQueryThenAccepted() throws Exception {
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		HttpResponse<String> token = get(
				this.facebook.tokenUri() + "?" + formBody(tokenForm(code, CALLBACK, verifier)));
		assertThat(token.statusCode()).isEqualTo(200);
		assertThat(json(token)).containsKey("access_token");
	}

	@Test
	void tokenWhenBasicAuthenticationThenAccepted() throws Exception {
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		Map<String, String> form = tokenForm(code, CALLBACK, verifier);
		form.remove("client_id");
		form.remove("client_secret");
		form.put("grant_type", "authorization_code");
		String basic = Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> wrong = postToken(form, "Basic " + Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":nope").getBytes(StandardCharsets.UTF_8)));
		assertGraphError(wrong, 1, "Error validating client secret.");
		HttpResponse<String> token = postToken(form, "Basic " + basic);
		assertThat(token.statusCode()).isEqualTo(200);
	}

	@Test
	void tokenWhenClientAuthenticatedTwoWaysThenRefused() throws Exception {
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		String basic = Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> token = postToken(tokenForm(code, CALLBACK, verifier), "Basic " + basic);
		assertThat(token.statusCode()).isEqualTo(400);
		assertThat(this.facebook.issuedAccessTokens()).isEmpty();
	}

	@Test
	void tokenWhenParameterRepeatedThenRefused() throws Exception {
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		String body = formBody(tokenForm(code, CALLBACK, verifier)) + "&code=" + enc(code);
		HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(this.facebook.tokenUri()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		assertGraphError(token, 100, "Duplicate parameter: code");
	}

	// ---------------------------------------------------------------- dialog refusals

	@Test
	void dialogWhenClientUnknownThenErrorPageWithoutRedirect() throws Exception {
		String uri = dialogUri(CALLBACK, "s", null).replace("client_id=" + CLIENT_ID, "client_id=999");
		HttpResponse<String> dialog = get(uri);
		assertThat(dialog.statusCode()).isEqualTo(400);
		assertThat(dialog.headers().firstValue("Location")).isEmpty();
		assertThat(dialog.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(dialog.body()).contains("Invalid App ID");
		assertThat(this.facebook.refusals()).singleElement().asString().contains("client_id");
	}

	@Test
	void dialogWhenRedirectUriNotAllowedThenUrlBlocked() throws Exception {
		for (String redirectUri : List.of(CALLBACK + "/", CALLBACK + "?x=1", "http://evil.example/callback",
				CALLBACK.toUpperCase())) {
			HttpResponse<String> dialog = get(dialogUri(redirectUri, "s", null));
			assertThat(dialog.statusCode()).isEqualTo(400);
			assertThat(dialog.headers().firstValue("Location")).isEmpty();
			assertThat(dialog.body()).contains("URL blocked");
		}
		assertThat(this.facebook.refusals()).hasSize(4);
	}

	@Test
	void dialogWhenResponseTypeNotCodeThenRefused() throws Exception {
		HttpResponse<String> dialog = get(dialogUri(CALLBACK, "s", null).replace("response_type=code",
				"response_type=token"));
		assertThat(dialog.statusCode()).isEqualTo(400);
		assertThat(dialog.headers().firstValue("Location")).isEmpty();
		assertThat(this.facebook.refusals()).singleElement().asString().contains("response_type");
	}

	@Test
	void dialogWhenChallengeMethodPlainThenRefused() throws Exception {
		String verifier = newVerifier();
		HttpResponse<String> dialog = get(dialogUri(CALLBACK, "s", verifier).replace("code_challenge_method=S256",
				"code_challenge_method=plain"));
		assertThat(dialog.statusCode()).isEqualTo(400);
		assertThat(dialog.headers().firstValue("Location")).isEmpty();
		HttpResponse<String> withoutMethod = get(dialogUri(CALLBACK, "s", challengeOf(verifier))
			.replace("&code_challenge_method=S256", ""));
		assertThat(withoutMethod.statusCode()).isEqualTo(400);
		assertThat(this.facebook.refusals()).hasSize(2);
	}

	@Test
	void dialogWhenScopeUnknownThenRefused() throws Exception {
		HttpResponse<String> dialog = get(dialogUri(CALLBACK, "s", null).replace("scope=public_profile%20email",
				"scope=email,user_friends"));
		assertThat(dialog.statusCode()).isEqualTo(400);
		assertThat(dialog.body()).contains("Invalid Scopes: user_friends");
	}

	@Test
	void dialogWhenRedirectUriHasQueryThenCodeAppendedWithAmpersand() throws Exception {
		String withQuery = CALLBACK + "?from=home";
		this.facebook.allowRedirectUri(withQuery);
		String location = location(get(dialogUri(withQuery, "s", null)));
		assertThat(location).startsWith(withQuery + "&code=").endsWith("&state=s#_=_");
		String code = callbackParameters(location).get("code");
		assertThat(postToken(tokenForm(code, withQuery, null)).statusCode()).isEqualTo(200);
	}

	@Test
	void dialogWhenStateHasSpecialCharactersThenEchoedExactly() throws Exception {
		String state = "a b+c&d=e/f?g%h é🚀";
		Map<String, String> callback = approve(CALLBACK, state, null);
		assertThat(callback).containsEntry("state", state);
	}

	@Test
	void dialogWhenDenyNextThenAccessDeniedRedirectWithStateOnce() throws Exception {
		this.facebook.denyNext();
		String location = location(get(dialogUri(CALLBACK, "st ate", null)));
		assertThat(location).isEqualTo(CALLBACK + "?error=access_denied&error_code=200"
				+ "&error_description=Permissions+error&error_reason=user_denied&state=st%20ate#_=_");
		assertThat(callbackParameters(location)).doesNotContainKey("code").containsEntry("state", "st ate");
		assertThat(callbackParameters(location(get(dialogUri(CALLBACK, "s", null))))).containsKey("code");
	}

	@Test
	void nextPersonWhenSetThenStaysUntilReset() throws Exception {
		FakePerson grace = FakePerson.READY_MADE.get(1);
		this.facebook.nextPerson(grace);
		assertThat(profileOf(signIn())).containsEntry("id", grace.id());
		assertThat(profileOf(signIn())).containsEntry("id", grace.id());
		this.facebook.denyNext();
		this.facebook.reset();
		assertThat(this.facebook.calls()).isEmpty();
		Map<String, String> callback = approve(CALLBACK, "s", null);
		assertThat(callback).containsKey("code");
		String accessToken = accessToken(postToken(tokenForm(callback.get("code"), CALLBACK, null)));
		assertThat(profileOf(accessToken)).containsEntry("id", FakePerson.READY_MADE.get(0).id());
		assertThat(this.facebook.issuedAccessTokens()).hasSize(3);
	}

	@Test
	void approveAsWhenCookieNamesThePersonThenEachDialogSignsInAsItsOwnPerson() throws Exception {
		this.facebook.approveAs((request) -> {
			String cookie = request.header("Cookie");
			return (cookie != null) ? new FakePerson(cookie.substring(cookie.indexOf('=') + 1), "Person " + cookie,
					null, null, null) : null;
		});
		assertThat(profileOf(signInWithCookie("who=101"))).containsEntry("id", "101");
		assertThat(profileOf(signInWithCookie("who=202"))).containsEntry("id", "202");
		assertThat(profileOf(signIn())).containsEntry("id", FakePerson.READY_MADE.get(0).id());
		this.facebook.reset();
		assertThat(profileOf(signInWithCookie("who=303"))).containsEntry("id", FakePerson.READY_MADE.get(0).id());
	}

	@Test
	void approveAsWhenChosenPersonHasNoNumericIdThenDialogFails() throws Exception {
		this.facebook.approveAs((request) -> new FakePerson("abc", "A", null, null, null));
		// A failing handler ends the exchange without an answer (FakeServer): no redirect, no code.
		assertThatIOException().isThrownBy(() -> get(dialogUri(CALLBACK, "s", challengeOf(newVerifier()))));
		assertThat(this.facebook.refusals()).isNotEmpty()
			.allSatisfy((refusal) -> assertThat(refusal).contains("numeric id"));
	}

	@Test
	void nextPersonWhenIdNotNumericThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.facebook.nextPerson(new FakePerson("abc", "A", null, null, null)));
	}

	// ---------------------------------------------------------------- /me refusals

	@Test
	void meWhenTokenUnknownThenRefused() throws Exception {
		HttpResponse<String> me = me(this.facebook.userInfoUri(), "EAAunknown", proofOf(SECRET, "EAAunknown"));
		assertGraphError(me, 190, "Invalid OAuth access token - Cannot parse access token.");
	}

	@Test
	void meWhenAppSecretProofWrongThenRefused() throws Exception {
		String accessToken = signIn();
		assertGraphError(me(this.facebook.userInfoUri(), accessToken, proofOf("other-secret", accessToken)), 100,
				"Invalid appsecret_proof provided in the API argument");
		assertGraphError(me(this.facebook.userInfoUri(), accessToken, proofOf(SECRET, accessToken).toUpperCase()),
				100, "Invalid appsecret_proof provided in the API argument");
	}

	@Test
	void meWhenAppSecretProofMissingThenRefused() throws Exception {
		String accessToken = signIn();
		HttpResponse<String> me = me(this.facebook.userInfoUri(), accessToken, null);
		assertGraphError(me, 100, "API calls from the server require an appsecret_proof argument");
	}

	@Test
	void meWhenTokenMissingThenRefused() throws Exception {
		HttpResponse<String> me = get(this.facebook.userInfoUri());
		assertThat(me.statusCode()).isEqualTo(400);
		assertThat(error(me)).containsEntry("code", 2500);
	}

	@Test
	void meWhenTokenExpiredThenRefused() throws Exception {
		String accessToken = signIn();
		this.facebook.advanceClock(Duration.ofDays(61));
		HttpResponse<String> me = me(this.facebook.userInfoUri(), accessToken, proofOf(SECRET, accessToken));
		assertThat(error(me)).containsEntry("code", 190);
	}

	// ---------------------------------------------------------------- faults

	@Test
	void failNextWhenAnswerScriptedThenServedOnceThenNormalAgain() throws Exception {
		this.facebook.failNext(FakeFacebook.TOKEN, Fault.answer(Response.json(500, "{\"error\":\"boom\"}")));
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		HttpResponse<String> faulted = postToken(tokenForm(code, CALLBACK, verifier));
		assertThat(faulted.statusCode()).isEqualTo(500);
		assertThat(faulted.body()).isEqualTo("{\"error\":\"boom\"}");
		assertThat(postToken(tokenForm(code, CALLBACK, verifier)).statusCode()).isEqualTo(200);
		assertThat(this.facebook.calls(FakeFacebook.TOKEN)).isEqualTo(2);
	}

	@Test
	void failNextWhenStallScriptedThenAnswersLate() throws Exception {
		this.facebook.failNext(FakeFacebook.DIALOG, Fault.stall(Duration.ofMillis(300)));
		long started = System.nanoTime();
		HttpResponse<String> dialog = get(dialogUri(CALLBACK, "s", null));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(dialog.statusCode()).isEqualTo(302);
	}

	// ---------------------------------------------------------------- concurrency

	@Test
	void signInWhenManyAtOnceThenEachGetsItsOwnToken() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<String>> signIns = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				signIns.add(this::signIn);
			}
			List<String> tokens = new ArrayList<>();
			for (Future<String> future : pool.invokeAll(signIns)) {
				tokens.add(future.get());
			}
			assertThat(tokens).doesNotHaveDuplicates().hasSize(32);
			assertThat(this.facebook.issuedAccessTokens()).containsExactlyInAnyOrderElementsOf(tokens);
			assertThat(this.facebook.refusals()).isEmpty();
		}
		finally {
			pool.shutdownNow();
		}
	}

	// ---------------------------------------------------------------- consent-page mode

	@Test
	void consentPageWhenRenderedThenEscapesNamesAndOffersPeople() throws Exception {
		try (FakeFacebook sandbox = sandbox()) {
			sandbox.appName("My <App>");
			String uri = dialogUri(sandbox, CALLBACK, "s", null) + "&person=3";
			HttpResponse<String> page = get(uri);
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/html; charset=UTF-8");
			String html = page.body();
			assertThat(html).contains("<header>facebook</header>")
				.contains("<strong>My &lt;App&gt;</strong> wants to access your name, profile picture and email "
						+ "address")
				.contains("value=\"Zoë &lt;b&gt;O&#39;Brien&lt;/b&gt; 🚀\"")
				.contains("Continue as Zoë &lt;b&gt;O&#39;Brien&lt;/b&gt; 🚀")
				.contains("value=\"zoe@example.com\"")
				.contains(">Cancel</button>")
				.contains("name=\"viewport\"")
				.doesNotContain("<b>O'Brien</b>")
				.doesNotContainIgnoringCase("<script");
			for (int i = 0; i < FakePerson.READY_MADE.size(); i++) {
				assertThat(html).contains("id=\"person-" + i + "\"");
			}
			assertThat(html).contains("&amp;person=1");
		}
	}

	@Test
	void consentPageWhenPersonPickedThenPrefilled() throws Exception {
		try (FakeFacebook sandbox = sandbox()) {
			HttpResponse<String> first = get(dialogUri(sandbox, CALLBACK, "s", null));
			assertThat(first.body()).contains("value=\"Ada Lovelace\"");
			Matcher link = Pattern.compile("id=\"person-2\" href=\"([^\"]+)\"").matcher(first.body());
			assertThat(link.find()).isTrue();
			String href = link.group(1).replace("&amp;", "&");
			HttpResponse<String> second = get(sandbox.baseUri() + href);
			assertThat(second.statusCode()).isEqualTo(200);
			assertThat(second.body()).contains("value=\"Alan Turing (no email)\"")
				.contains("id=\"email\" name=\"email\" value=\"\"");
		}
	}

	@Test
	void consentWhenContinueWithEditedPersonThenCodeForThatPerson() throws Exception {
		try (FakeFacebook sandbox = sandbox()) {
			String verifier = newVerifier();
			HttpResponse<String> page = get(dialogUri(sandbox, CALLBACK, "st&ate", challengeOf(verifier)));
			Map<String, String> form = consentForm(page, "0", "Zoë <b>O'Brien</b> 🚀", "", "continue");
			HttpResponse<String> answer = postConsent(sandbox, form);
			assertThat(answer.statusCode()).isEqualTo(302);
			Map<String, String> callback = callbackParameters(location(answer));
			assertThat(callback).containsEntry("state", "st&ate").containsKey("code");
			String accessToken = accessToken(postToken(sandbox, tokenForm(callback.get("code"), CALLBACK, verifier)));
			Map<String, Object> profile = json(me(sandbox.userInfoUri(), accessToken, proofOf(SECRET, accessToken)));
			assertThat(profile).doesNotContainKey("email")
				.containsEntry("name", "Zoë <b>O'Brien</b> 🚀")
				.containsEntry("id", FakeFacebook.derivedId("Zoë <b>O'Brien</b> 🚀"));
			assertThat((String) profile.get("id")).matches("[0-9]{18}").isNotEqualTo(FakePerson.READY_MADE.get(0).id());
			assertThat(postConsent(sandbox, form).statusCode()).isEqualTo(400);
		}
	}

	@Test
	void consentWhenContinueUnchangedThenReadyMadePersonWithEditedEmail() throws Exception {
		try (FakeFacebook sandbox = sandbox()) {
			HttpResponse<String> page = get(dialogUri(sandbox, CALLBACK, "s", null) + "&person=1");
			Map<String, String> form = consentForm(page, "1", "Grace Hopper", "grace.new@example.org", "continue");
			Map<String, String> callback = callbackParameters(location(postConsent(sandbox, form)));
			String accessToken = accessToken(postToken(sandbox, tokenForm(callback.get("code"), CALLBACK, null)));
			Map<String, Object> profile = json(me(sandbox.userInfoUri(), accessToken, proofOf(SECRET, accessToken)));
			assertThat(profile).containsEntry("id", FakePerson.READY_MADE.get(1).id())
				.containsEntry("email", "grace.new@example.org");
		}
	}

	@Test
	void consentWhenNameEmptyOrEmailInvalidThenPageAgain() throws Exception {
		try (FakeFacebook sandbox = sandbox()) {
			HttpResponse<String> page = get(dialogUri(sandbox, CALLBACK, "s", null));
			Map<String, String> form = consentForm(page, "0", "  ", "ada@example.com", "continue");
			HttpResponse<String> again = postConsent(sandbox, form);
			assertThat(again.statusCode()).isEqualTo(400);
			assertThat(again.body()).contains("the name is empty");
			form.put("name", "Ada");
			form.put("email", "<not an email>");
			HttpResponse<String> badEmail = postConsent(sandbox, form);
			assertThat(badEmail.body()).contains("value=\"&lt;not an email&gt;\"");
			form.put("email", "ada@example.com");
			assertThat(postConsent(sandbox, form).statusCode()).isEqualTo(302);
		}
	}

	@Test
	void consentWhenCancelThenAccessDeniedWithState() throws Exception {
		try (FakeFacebook sandbox = sandbox()) {
			HttpResponse<String> page = get(dialogUri(sandbox, CALLBACK, "the state", null));
			Map<String, String> form = consentForm(page, "0", "Ada Lovelace", "ada@example.com", "cancel");
			String location = location(postConsent(sandbox, form));
			assertThat(location).isEqualTo(CALLBACK + "?error=access_denied&error_code=200"
					+ "&error_description=Permissions+error&error_reason=user_denied&state=the%20state#_=_");
		}
	}

	@Test
	void consentWhenDialogUnknownThenRefused() throws Exception {
		try (FakeFacebook sandbox = sandbox()) {
			HttpResponse<String> answer = postConsent(sandbox,
					Map.of("dialog", "made-up", "choice", "continue", "person", "0", "name", "X", "email", ""));
			assertThat(answer.statusCode()).isEqualTo(400);
			assertThat(answer.headers().firstValue("Location")).isEmpty();
			assertThat(sandbox.refusals()).hasSize(1);
		}
	}

	@Test
	void consentModeWhenDenyNextOrNextPersonThenRejected() {
		try (FakeFacebook sandbox = sandbox()) {
			assertThatIllegalStateException().isThrownBy(sandbox::denyNext);
			assertThatIllegalStateException()
				.isThrownBy(() -> sandbox.nextPerson(FakePerson.READY_MADE.get(1)));
		}
	}

	// ---------------------------------------------------------------- helpers

	private FakeFacebook sandbox() {
		FakeFacebook sandbox = FakeFacebook.startSandbox(0, CLIENT_ID, SECRET);
		sandbox.allowRedirectUri(CALLBACK);
		return sandbox;
	}

	/** The consent page's form as a person fills it in; a mutable map, so that a test can change it and post again. */
	private static Map<String, String> consentForm(HttpResponse<String> page, String person, String name,
			String email, String choice) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("dialog", hidden(page.body(), "dialog"));
		form.put("person", person);
		form.put("name", name);
		form.put("email", email);
		form.put("choice", choice);
		return form;
	}

	/** Posts the consent page's form, as the browser does when a person presses Continue or Cancel. */
	private HttpResponse<String> postConsent(FakeFacebook sandbox, Map<String, String> form)
			throws IOException, InterruptedException {
		return postForm(sandbox.baseUri() + "/v25.0/dialog/consent", form);
	}

	/** A whole sign-in as the current next person; the access token. */
	private String signIn() throws IOException, InterruptedException {
		String verifier = newVerifier();
		String code = approve(CALLBACK, "s", challengeOf(verifier)).get("code");
		return accessToken(postToken(tokenForm(code, CALLBACK, verifier)));
	}

	/** A whole sign-in whose dialog request carries this Cookie header, as a browser logged in at Facebook would. */
	private String signInWithCookie(String cookie) throws IOException, InterruptedException {
		String verifier = newVerifier();
		HttpResponse<String> dialog = send(HttpRequest.newBuilder(URI.create(dialogUri(CALLBACK, "s",
				challengeOf(verifier)))).header("Cookie", cookie).GET().build());
		String code = callbackParameters(location(dialog)).get("code");
		return accessToken(postToken(tokenForm(code, CALLBACK, verifier)));
	}

	private Map<String, Object> profileOf(String accessToken) throws IOException, InterruptedException {
		return json(me(this.facebook.userInfoUri(), accessToken, proofOf(SECRET, accessToken)));
	}

	private Map<String, String> approve(String redirectUri, String state, String challenge)
			throws IOException, InterruptedException {
		return callbackParameters(location(get(dialogUri(redirectUri, state, challenge))));
	}

	private String dialogUri(String redirectUri, String state, String challenge) {
		return dialogUri(this.facebook, redirectUri, state, challenge);
	}

	private static String dialogUri(FakeFacebook facebook, String redirectUri, String state, String challenge) {
		String uri = facebook.authorizationUri() + "?client_id=" + CLIENT_ID + "&redirect_uri=" + enc(redirectUri)
				+ "&state=" + enc(state) + "&response_type=code&scope=public_profile%20email";
		if (challenge != null) {
			uri += "&code_challenge=" + enc(challenge) + "&code_challenge_method=S256";
		}
		return uri;
	}

	private String meUri(String fields) {
		String uri = this.facebook.baseUri() + "/v25.0/me";
		return (fields != null) ? uri + "?fields=" + enc(fields) : uri + "?";
	}

	private static Map<String, String> tokenForm(String code, String redirectUri, String verifier) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", CLIENT_ID);
		form.put("client_secret", SECRET);
		form.put("redirect_uri", redirectUri);
		form.put("code", code);
		if (verifier != null) {
			form.put("code_verifier", verifier);
		}
		return form;
	}

	private HttpResponse<String> postToken(Map<String, String> form) throws IOException, InterruptedException {
		return postToken(this.facebook, form);
	}

	private HttpResponse<String> postToken(FakeFacebook facebook, Map<String, String> form)
			throws IOException, InterruptedException {
		return postForm(facebook.tokenUri(), form);
	}

	private HttpResponse<String> postToken(Map<String, String> form, String authorization)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.facebook.tokenUri()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", authorization)
			.POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
			.build());
	}

	private HttpResponse<String> postForm(String uri, Map<String, String> form)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(uri))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
			.build());
	}

	private HttpResponse<String> me(String uri, String accessToken, String proof)
			throws IOException, InterruptedException {
		String withProof = (proof != null) ? uri + "&appsecret_proof=" + proof : uri;
		return send(HttpRequest.newBuilder(URI.create(withProof)).header("Authorization", "Bearer " + accessToken)
			.GET()
			.build());
	}

	private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(uri)).GET().build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static String location(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		return response.headers().firstValue("Location").orElseThrow();
	}

	/** The query of a callback URI, decoded; the fragment must be Facebook's {@code #_=_}. */
	private static Map<String, String> callbackParameters(String location) {
		assertThat(location).endsWith("#_=_");
		String withoutFragment = location.substring(0, location.length() - 4);
		String query = withoutFragment.substring(withoutFragment.indexOf('?') + 1);
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private static String hidden(String html, String name) {
		Matcher matcher = Pattern.compile("type=\"hidden\" name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
		assertThat(matcher.find()).as("hidden field " + name).isTrue();
		return matcher.group(1);
	}

	private static String accessToken(HttpResponse<String> token) {
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		return (String) json(token).get("access_token");
	}

	private static void assertGraphError(HttpResponse<String> response, int code, String message) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		Map<String, Object> error = error(response);
		assertThat(error).containsEntry("code", code).containsEntry("message", message).containsKey("type");
		assertThat((String) error.get("fbtrace_id")).isNotBlank();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> error(HttpResponse<String> response) {
		return (Map<String, Object>) json(response).get("error");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(HttpResponse<String> response) {
		return JSON.readValue(response.body(), Map.class);
	}

	private static String formBody(Map<String, String> form) {
		List<String> pairs = new ArrayList<>();
		form.forEach((name, value) -> pairs.add(enc(name) + "=" + enc(value)));
		return String.join("&", pairs);
	}

	private static String enc(String value) {
		return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String newVerifier() {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	/** The test's own S256, independent of the fake's. */
	private static String challengeOf(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The test's own appsecret_proof, independent of the fake's. */
	private static String proofOf(String secret, String accessToken) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(accessToken.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
