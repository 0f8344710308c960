package io.github.oauthsignin.fake.twitter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.FakeServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Proves the fake X: first its own signature verifier against published vectors, then the whole protocol over real
 * HTTP, signed by a small test-local signer that shares no code with the verifier or with the application.
 */
class FakeTwitterTests {

	private static final String CONSUMER_KEY = "test-consumer-key";

	private static final String CONSUMER_SECRET = "test-consumer-secret";

	private static final String CALLBACK = "http://127.0.0.1:8080/login/twitter/callback";

	private static final String CODE_32 = "{\"errors\":[{\"code\":32,\"message\":\"Could not authenticate you.\"}]}";

	private static final String CODE_89 = "{\"errors\":[{\"code\":89,\"message\":\"Invalid or expired token.\"}]}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private FakeTwitter twitter;

	@BeforeEach
	void startTwitter() {
		this.twitter = FakeTwitter.start(CONSUMER_KEY, CONSUMER_SECRET);
		this.twitter.allowCallback(CALLBACK);
	}

	@AfterEach
	void stopTwitter() {
		this.twitter.close();
	}

	// ---- the verifier against published vectors ----

	@Test
	void verifierWhenRfc5849RequestTokenExampleThenPublishedSignature() {
		Map<String, String> header = OAuth1Verifier.parseAuthorizationHeader("""
				OAuth realm="Photos",
				    oauth_consumer_key="dpf43f3p2l4k3l03",
				    oauth_signature_method="HMAC-SHA1",
				    oauth_timestamp="137131200",
				    oauth_nonce="wIjqoS",
				    oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready",
				    oauth_signature="74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D"
				""");
		String baseString = OAuth1Verifier.baseString("POST",
				OAuth1Verifier.baseStringUri("https", "photos.example.net", "/initiate"), header, List.of(), List.of());
		assertThat(baseString).isEqualTo("POST&https%3A%2F%2Fphotos.example.net%2Finitiate"
				+ "&oauth_callback%3Dhttp%253A%252F%252Fprinter.example.com%252Fready"
				+ "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DwIjqoS"
				+ "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131200");
		assertThat(OAuth1Verifier.signature(baseString, "kd94hf93k423kf44", null))
			.isEqualTo("74KNZJeDHnMBp0EMJ9ZHt/XKycU=");
		assertThat(OAuth1Verifier.signatureMatches(OAuth1Verifier.hmacSha1(baseString, "kd94hf93k423kf44", ""),
				header.get("oauth_signature")))
			.isTrue();
	}

	@Test
	void verifierWhenXRequestTokenExampleThenPublishedSignature() {
		Map<String, String> header = OAuth1Verifier.parseAuthorizationHeader("OAuth "
				+ "oauth_nonce=\"ea9ec8429b68d6b77cd5600adbbb0456\", "
				+ "oauth_callback=\"http%3A%2F%2Flocalhost%2Fsign-in-with-twitter%2F\", "
				+ "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1318467427\", "
				+ "oauth_consumer_key=\"cChZNFj6T5R0TigYB9yd1w\", "
				+ "oauth_signature=\"F1Li3tvehgcraF8DMJ7OyxO4w9Y%3D\", oauth_version=\"1.0\"");
		String baseString = OAuth1Verifier.baseString("POST",
				OAuth1Verifier.baseStringUri("https", "api.twitter.com", "/oauth/request_token"), header, List.of(),
				List.of());
		assertThat(baseString).isEqualTo("POST&https%3A%2F%2Fapi.twitter.com%2Foauth%2Frequest_token"
				+ "&oauth_callback%3Dhttp%253A%252F%252Flocalhost%252Fsign-in-with-twitter%252F"
				+ "%26oauth_consumer_key%3DcChZNFj6T5R0TigYB9yd1w%26oauth_nonce%3Dea9ec8429b68d6b77cd5600adbbb0456"
				+ "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318467427%26oauth_version%3D1.0");
		String secret = "L8qq9PZyRg6ieKGEKhZolGC0vJWLw8iEJ88DRdyOg";
		assertThat(OAuth1Verifier.signature(baseString, secret, null)).isEqualTo("F1Li3tvehgcraF8DMJ7OyxO4w9Y=");
		assertThat(OAuth1Verifier.signatureMatches(OAuth1Verifier.hmacSha1(baseString, secret, null),
				header.get("oauth_signature")))
			.isTrue();
	}

	@Test
	void verifierWhenRfc5849Section341ExampleThenCorrectedSignature() {
		Map<String, String> header = OAuth1Verifier.parseAuthorizationHeader("""
				OAuth realm="Example",
				    oauth_consumer_key="9djdj82h48djs9d2",
				    oauth_token="kkk9d7dh3k39sjv7",
				    oauth_signature_method="HMAC-SHA1",
				    oauth_timestamp="137131201",
				    oauth_nonce="7d8f3e4a",
				    oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"
				""");
		URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
		String baseString = OAuth1Verifier.baseString("post",
				OAuth1Verifier.baseStringUri(uri.getScheme(), uri.getRawAuthority(), uri.getRawPath()), header,
				formPairs(uri.getRawQuery()), formPairs("c2&a3=2+q"));
		assertThat(baseString).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
				+ "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_"
				+ "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m"
				+ "ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk" + "9d7dh3k39sjv7");
		// RFC 5849 prints bYT5CMsGcbgUdFHObYMEfcx6bsw=, a known erratum; this is the value for its base string.
		assertThat(OAuth1Verifier.signature(baseString, "j49sk3j29djd", "dh893hdasih9"))
			.isEqualTo("r6/TJjbCOr97/+UU0NsvSne7s5g=");
	}

	@Test
	void percentEncodeWhenReservedOrNonAsciiThenRfc3986WithUpperCaseHex() {
		assertThat(OAuth1Verifier.percentEncode("Ladies + Gentlemen")).isEqualTo("Ladies%20%2B%20Gentlemen");
		assertThat(OAuth1Verifier.percentEncode("An encoded string!")).isEqualTo("An%20encoded%20string%21");
		assertThat(OAuth1Verifier.percentEncode("Dogs, Cats & Mice")).isEqualTo("Dogs%2C%20Cats%20%26%20Mice");
		assertThat(OAuth1Verifier.percentEncode("☃")).isEqualTo("%E2%98%83");
		assertThat(OAuth1Verifier.percentEncode("AZaz09-._~*'()")).isEqualTo("AZaz09-._~%2A%27%28%29");
	}

	@Test
	void baseStringUriWhenDefaultPortOrUpperCaseThenNormalized() {
		assertThat(OAuth1Verifier.baseStringUri("HTTP", "EXAMPLE.COM:80", "/r%20v/X?id=123"))
			.isEqualTo("http://example.com/r%20v/X");
		assertThat(OAuth1Verifier.baseStringUri("https", "www.example.net:8080", "/?q=1"))
			.isEqualTo("https://www.example.net:8080/");
		assertThat(OAuth1Verifier.baseStringUri("https", "api.x.com:443", "/oauth/access_token"))
			.isEqualTo("https://api.x.com/oauth/access_token");
		assertThat(OAuth1Verifier.baseStringUri("http", "127.0.0.1:54321", "")).isEqualTo("http://127.0.0.1:54321/");
	}

	@Test
	void parseAuthorizationHeaderWhenMalformedThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OAuth1Verifier.parseAuthorizationHeader("OAuth oauth_nonce=\"a\", oauth_nonce=\"b\""))
			.withMessageContaining("duplicate");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OAuth1Verifier.parseAuthorizationHeader("Bearer abc"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OAuth1Verifier
				.parseAuthorizationHeader("OAuth oauth_callback=\"http://not.encoded/\""))
			.withMessageContaining("not percent-encoded");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OAuth1Verifier.parseAuthorizationHeader("OAuth oauth_nonce=abc"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OAuth1Verifier.parseAuthorizationHeader("OAuth oauth_nonce=\"a%2\""));
		assertThat(OAuth1Verifier.parseAuthorizationHeader("oauth oauth_token=\"a%2Bb%20c\",oauth_nonce=\"n\""))
			.containsExactly(Map.entry("oauth_token", "a+b c"), Map.entry("oauth_nonce", "n"));
	}

	@Test
	void signatureMatchesWhenTamperedOrNotBase64ThenFalse() {
		byte[] mac = OAuth1Verifier.hmacSha1("base", "cs", "ts");
		String good = Base64.getEncoder().encodeToString(mac);
		assertThat(OAuth1Verifier.signatureMatches(mac, good)).isTrue();
		assertThat(OAuth1Verifier.signatureMatches(mac, "A" + good.substring(1))).isFalse();
		assertThat(OAuth1Verifier.signatureMatches(mac, "not base64!")).isFalse();
		assertThat(OAuth1Verifier.signatureMatches(mac, null)).isFalse();
	}

	// ---- the three legs over HTTP ----

	@Test
	void signInWhenAllLegsSignedThenProfileOfNextPerson() throws Exception {
		Map<String, String> requestToken = form(requestToken(CALLBACK));
		assertThat(requestToken).containsEntry("oauth_callback_confirmed", "true");

		HttpResponse<String> authenticate = get(
				this.twitter.authorizeUri() + "?oauth_token=" + requestToken.get("oauth_token"), null);
		assertThat(authenticate.statusCode()).isEqualTo(302);
		String location = authenticate.headers().firstValue("Location").orElseThrow();
		assertThat(location)
			.startsWith(CALLBACK + "?oauth_token=" + requestToken.get("oauth_token") + "&oauth_verifier=");
		Map<String, String> callback = form(URI.create(location).getRawQuery());
		assertThat(callback).containsOnlyKeys("oauth_token", "oauth_verifier");

		Signing signing = new Signing();
		signing.token = requestToken.get("oauth_token");
		signing.tokenSecret = requestToken.get("oauth_token_secret");
		signing.oauth.put("oauth_verifier", callback.get("oauth_verifier"));
		HttpResponse<String> access = post(this.twitter.accessTokenUri(), signing, null);
		assertThat(access.statusCode()).isEqualTo(200);
		assertThat(access.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
		Map<String, String> accessToken = form(access.body());
		String adaId = FakeTwitter.twitterIdFor("ada_lovelace");
		assertThat(accessToken).containsOnlyKeys("oauth_token", "oauth_token_secret", "user_id", "screen_name")
			.containsEntry("user_id", adaId)
			.containsEntry("screen_name", "ada_lovelace");
		assertThat(accessToken.get("oauth_token")).startsWith(adaId + "-");

		HttpResponse<String> profile = verifyCredentials(accessToken, this.twitter.userInfoUri());
		assertThat(profile.statusCode()).isEqualTo(200);
		assertThat(profile.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
		JsonNode user = JSON.readTree(profile.body());
		assertThat(user.get("id").isIntegralNumber()).isTrue();
		assertThat(user.get("id").bigIntegerValue()).hasToString(adaId);
		assertThat(user.get("id_str").asString()).isEqualTo(adaId);
		assertThat(user.get("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(user.get("screen_name").asString()).isEqualTo("ada_lovelace");
		assertThat(user.get("email").asString()).isEqualTo("ada@example.com");
		assertThat(user.get("profile_image_url_https").asString()).isEqualTo(this.twitter.defaultProfileImageUri());

		assertThat(this.twitter.verifiedSignatures()).isEqualTo(3);
		assertThat(this.twitter.refusals()).isEmpty();
		assertThat(this.twitter.issuedSecrets()).containsExactly(requestToken.get("oauth_token_secret"),
				accessToken.get("oauth_token"), accessToken.get("oauth_token_secret"));
		assertThat(this.twitter.calls()).containsEntry(FakeTwitter.REQUEST_TOKEN, 1)
			.containsEntry(FakeTwitter.AUTHENTICATE, 1)
			.containsEntry(FakeTwitter.ACCESS_TOKEN, 1)
			.containsEntry(FakeTwitter.VERIFY_CREDENTIALS, 1);
	}

	@Test
	void uriAccessorsWhenStartedThenPointAtTheLoopbackServer() {
		String base = "http://127.0.0.1:" + this.twitter.port();
		assertThat(this.twitter.requestTokenUri()).isEqualTo(base + "/oauth/request_token");
		assertThat(this.twitter.authorizeUri()).isEqualTo(base + "/oauth/authenticate");
		assertThat(this.twitter.accessTokenUri()).isEqualTo(base + "/oauth/access_token");
		assertThat(this.twitter.userInfoUri())
			.isEqualTo(base + "/1.1/account/verify_credentials.json?include_email=true&skip_status=true");
	}

	@Test
	void accessTokenWhenVerifierInFormBodyThenAccepted() throws Exception {
		Map<String, String> requestToken = form(requestToken(CALLBACK));
		String verifier = approve(requestToken.get("oauth_token"));
		Signing signing = new Signing();
		signing.token = requestToken.get("oauth_token");
		signing.tokenSecret = requestToken.get("oauth_token_secret");
		HttpResponse<String> access = post(this.twitter.accessTokenUri(), signing,
				"oauth_verifier=" + URLEncoder.encode(verifier, StandardCharsets.UTF_8));
		assertThat(access.statusCode()).isEqualTo(200);
		assertThat(form(access.body())).containsKey("oauth_token_secret");
	}

	@Test
	void authenticateWhenCallbackHasQueryThenParametersAppendedWithAmpersand() throws Exception {
		String callback = CALLBACK + "?from=home";
		this.twitter.allowCallback(callback);
		String token = form(requestToken(callback)).get("oauth_token");
		String location = get(this.twitter.authorizeUri() + "?oauth_token=" + token, null).headers()
			.firstValue("Location")
			.orElseThrow();
		assertThat(location).startsWith(callback + "&oauth_token=" + token + "&oauth_verifier=");
	}

	@Test
	void verifyCredentialsWhenPersonHas64BitIdThenIdStrExact() throws Exception {
		this.twitter.nextPerson(new FakePerson("1456789012345678901", "Big Id", "big_id", null, null));
		Map<String, String> accessToken = signIn();
		assertThat(accessToken).containsEntry("user_id", "1456789012345678901");
		HttpResponse<String> profile = verifyCredentials(accessToken, this.twitter.userInfoUri());
		assertThat(profile.body()).contains("\"id\":1456789012345678901,")
			.contains("\"id_str\":\"1456789012345678901\"");
		JsonNode user = JSON.readTree(profile.body());
		assertThat(user.get("id_str").asString()).isEqualTo("1456789012345678901");
		assertThat(user.get("email").isNull()).isTrue();
		// What a JavaScript client (or a parse into double) would see instead:
		assertThat(String.format("%.0f", Double.parseDouble("1456789012345678901")))
			.isNotEqualTo("1456789012345678901");
	}

	@Test
	void verifyCredentialsWhenIncludeEmailNotTrueThenEmailNull() throws Exception {
		Map<String, String> accessToken = signIn();
		String uri = this.twitter.baseUri() + "/1.1/account/verify_credentials.json?skip_status=true";
		HttpResponse<String> profile = verifyCredentials(accessToken, uri);
		assertThat(profile.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(profile.body()).get("email").isNull()).isTrue();
	}

	@Test
	void twitterIdForWhenAnyScreenNameThen19DigitsAbove2To53AndCaseInsensitive() {
		for (String screenName : List.of("ada_lovelace", "a", "zoe_obrien", "X")) {
			String id = FakeTwitter.twitterIdFor(screenName);
			assertThat(id).matches("[1-9][0-9]{18}");
			assertThat(Long.parseLong(id)).isGreaterThan(1L << 53);
		}
		assertThat(FakeTwitter.twitterIdFor("Ada_Lovelace")).isEqualTo(FakeTwitter.twitterIdFor("ada_lovelace"));
	}

	// ---- refusals ----

	@Test
	void requestTokenWhenSignatureWrongThenRefused() throws Exception {
		Signing signing = new Signing();
		signing.consumerSecret = "not-the-secret";
		signing.oauth.put("oauth_callback", CALLBACK);
		HttpResponse<String> response = post(this.twitter.requestTokenUri(), signing, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo(CODE_32);
		assertThat(this.twitter.refusals()).singleElement().asString().contains("bad signature");
		assertThat(this.twitter.verifiedSignatures()).isZero();
		assertThat(this.twitter.issuedSecrets()).isEmpty();
	}

	@Test
	void requestTokenWhenSignedForAnotherUriThenRefused() throws Exception {
		Signing signing = new Signing();
		signing.oauth.put("oauth_callback", CALLBACK);
		String header = signing.header("POST", "https://api.twitter.com/oauth/request_token", null);
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.twitter.requestTokenUri()))
			.header("Authorization", header)
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(this.twitter.refusals()).singleElement()
			.asString()
			.contains("http%3A%2F%2F127.0.0.1%3A" + this.twitter.port() + "%2Foauth%2Frequest_token");
	}

	@Test
	void requestTokenWhenConsumerKeyUnknownThenRefused() throws Exception {
		Signing signing = new Signing();
		signing.consumerKey = "someone-else";
		signing.oauth.put("oauth_callback", CALLBACK);
		HttpResponse<String> response = post(this.twitter.requestTokenUri(), signing, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo(CODE_32);
		assertThat(this.twitter.refusals()).singleElement().asString().contains("unknown consumer key");
	}

	@Test
	void requestTokenWhenNonceReusedThenRefused() throws Exception {
		Signing signing = new Signing();
		signing.oauth.put("oauth_callback", CALLBACK);
		assertThat(post(this.twitter.requestTokenUri(), signing, null).statusCode()).isEqualTo(200);
		HttpResponse<String> replay = post(this.twitter.requestTokenUri(), signing, null);
		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(replay.body()).isEqualTo(CODE_32);
		assertThat(this.twitter.refusals()).singleElement().asString().contains("reused oauth_nonce");
		assertThat(this.twitter.verifiedSignatures()).isEqualTo(1);
	}

	@Test
	void requestTokenWhenTimestampStaleThenRefused() throws Exception {
		Signing signing = new Signing();
		signing.timestamp = Instant.now().getEpochSecond() - 600;
		signing.oauth.put("oauth_callback", CALLBACK);
		HttpResponse<String> response = post(this.twitter.requestTokenUri(), signing, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo(CODE_32);
		assertThat(this.twitter.refusals()).singleElement().asString().contains("oauth_timestamp");
	}

	@Test
	void requestTokenWhenCallbackNotApprovedThenRefused() throws Exception {
		HttpResponse<String> response = requestTokenResponse(CALLBACK + "/");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("{\"errors\":[{\"code\":415,\"message\":\"Callback URL not approved "
				+ "for this client application. Approved callback URLs can be adjusted in your application settings\"}]}");
		assertThat(this.twitter.refusals()).singleElement().asString().contains("callback not approved");
	}

	@Test
	void requestTokenWhenVersionOrMethodWrongThenRefused() throws Exception {
		Signing wrongVersion = new Signing();
		wrongVersion.version = "2.0";
		wrongVersion.oauth.put("oauth_callback", CALLBACK);
		assertThat(post(this.twitter.requestTokenUri(), wrongVersion, null).statusCode()).isEqualTo(401);
		Signing noVersion = new Signing();
		noVersion.version = null;
		noVersion.oauth.put("oauth_callback", CALLBACK);
		assertThat(post(this.twitter.requestTokenUri(), noVersion, null).statusCode()).isEqualTo(200);
		HttpResponse<String> noHeader = send(HttpRequest.newBuilder(URI.create(this.twitter.requestTokenUri()))
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(noHeader.statusCode()).isEqualTo(400);
		assertThat(noHeader.body()).contains("\"code\":215");
	}

	@Test
	void authenticateWhenRequestTokenUnknownThenErrorPage() throws Exception {
		HttpResponse<String> response = get(this.twitter.authorizeUri() + "?oauth_token=made-up", null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("Whoa there!");
		assertThat(this.twitter.refusals()).singleElement().asString().contains("unknown request token");
	}

	@Test
	void authenticateWhenDenyNextThenRedirectsWithDeniedOnly() throws Exception {
		Map<String, String> requestToken = form(requestToken(CALLBACK));
		this.twitter.denyNext();
		HttpResponse<String> response = get(
				this.twitter.authorizeUri() + "?oauth_token=" + requestToken.get("oauth_token"), null);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValue(CALLBACK + "?denied=" + requestToken.get("oauth_token"));

		Signing signing = new Signing();
		signing.token = requestToken.get("oauth_token");
		signing.tokenSecret = requestToken.get("oauth_token_secret");
		signing.oauth.put("oauth_verifier", "guess");
		HttpResponse<String> access = post(this.twitter.accessTokenUri(), signing, null);
		assertThat(access.statusCode()).isEqualTo(401);
		assertThat(access.body()).isEqualTo(CODE_89);

		// denyNext is used up: the next sign-in is approved again
		assertThat(signIn()).containsKey("oauth_token");
	}

	@Test
	void accessTokenWhenVerifierWrongThenRefusedAndRequestTokenSpent() throws Exception {
		Map<String, String> requestToken = form(requestToken(CALLBACK));
		String verifier = approve(requestToken.get("oauth_token"));
		HttpResponse<String> wrong = accessTokenResponse(requestToken, verifier + "x");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.body()).isEqualTo("Error processing your OAuth request: Invalid oauth_verifier parameter");
		assertThat(this.twitter.refusals()).singleElement().asString().contains("wrong oauth_verifier");
		HttpResponse<String> retry = accessTokenResponse(requestToken, verifier);
		assertThat(retry.statusCode()).isEqualTo(401);
		assertThat(retry.body()).isEqualTo(CODE_89);
	}

	@Test
	void accessTokenWhenRequestTokenReusedThenRefused() throws Exception {
		Map<String, String> requestToken = form(requestToken(CALLBACK));
		String verifier = approve(requestToken.get("oauth_token"));
		assertThat(accessTokenResponse(requestToken, verifier).statusCode()).isEqualTo(200);
		HttpResponse<String> reused = accessTokenResponse(requestToken, verifier);
		assertThat(reused.statusCode()).isEqualTo(401);
		assertThat(reused.body()).isEqualTo(CODE_89);
		assertThat(this.twitter.refusals()).singleElement().asString().contains("already used");
	}

	@Test
	void accessTokenWhenNotApprovedThenRefused() throws Exception {
		Map<String, String> requestToken = form(requestToken(CALLBACK));
		HttpResponse<String> early = accessTokenResponse(requestToken, "anything");
		assertThat(early.statusCode()).isEqualTo(401);
		assertThat(early.body()).isEqualTo(CODE_89);
		assertThat(this.twitter.refusals()).singleElement().asString().contains("not approved");
	}

	@Test
	void accessTokenWhenSignedWithoutTokenSecretThenRefused() throws Exception {
		Map<String, String> requestToken = form(requestToken(CALLBACK));
		String verifier = approve(requestToken.get("oauth_token"));
		Signing signing = new Signing();
		signing.token = requestToken.get("oauth_token");
		signing.tokenSecret = "";
		signing.oauth.put("oauth_verifier", verifier);
		HttpResponse<String> response = post(this.twitter.accessTokenUri(), signing, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo(CODE_32);
		// a badly signed attempt does not spend the request token
		assertThat(accessTokenResponse(requestToken, verifier).statusCode()).isEqualTo(200);
	}

	@Test
	void verifyCredentialsWhenAccessTokenUnknownThenRefused() throws Exception {
		Map<String, String> madeUp = Map.of("oauth_token", "123-madeup", "oauth_token_secret", "secret");
		HttpResponse<String> response = verifyCredentials(madeUp, this.twitter.userInfoUri());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo(CODE_89);
		assertThat(this.twitter.refusals()).singleElement().asString().contains("unknown or missing oauth_token");
	}

	@Test
	void invalidateTokenWhenSignedWithTheAccessTokenThenItStopsWorkingEverywhere() throws Exception {
		Map<String, String> accessToken = signIn();
		Signing wrongSecret = new Signing();
		wrongSecret.token = accessToken.get("oauth_token");
		wrongSecret.tokenSecret = "not-the-secret";
		assertThat(post(this.twitter.invalidateTokenUri(), wrongSecret, null).statusCode()).isEqualTo(401);
		assertThat(this.twitter.isActive(accessToken.get("oauth_token"))).isTrue();

		HttpResponse<String> invalidated = post(this.twitter.invalidateTokenUri(), signedWith(accessToken), null);

		assertThat(invalidated.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(invalidated.body()).path("access_token").asString())
			.isEqualTo(accessToken.get("oauth_token"));
		assertThat(this.twitter.isActive(accessToken.get("oauth_token"))).isFalse();
		assertThat(verifyCredentials(accessToken, this.twitter.userInfoUri()).body()).isEqualTo(CODE_89);
		assertThat(post(this.twitter.invalidateTokenUri(), signedWith(accessToken), null).body())
			.as("invalidated already").isEqualTo(CODE_89);
	}

	@Test
	void verifyCredentialsWhenRequestTokenUsedInsteadOfAccessTokenThenRefused() throws Exception {
		Map<String, String> requestToken = form(requestToken(CALLBACK));
		HttpResponse<String> response = verifyCredentials(requestToken, this.twitter.userInfoUri());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo(CODE_89);
	}

	@Test
	void verifyCredentialsWhenQueryNotSignedThenRefused() throws Exception {
		Map<String, String> accessToken = signIn();
		Signing signing = new Signing();
		signing.token = accessToken.get("oauth_token");
		signing.tokenSecret = accessToken.get("oauth_token_secret");
		String header = signing.header("GET", this.twitter.baseUri() + "/1.1/account/verify_credentials.json", null);
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.twitter.userInfoUri())).header("Authorization", header).GET());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo(CODE_32);
	}

	@Test
	void signedRequestWhenHostHeaderIsLocalhostThenVerifiedAgainstIt() throws Exception {
		Signing forLocalhost = new Signing();
		forLocalhost.oauth.put("oauth_callback", CALLBACK);
		String path = "/oauth/request_token";
		String localhost = "localhost:" + this.twitter.port();
		String accepted = rawPost(localhost, path, forLocalhost.header("POST", "http://" + localhost + path, null));
		assertThat(accepted).startsWith("HTTP/1.1 200").contains("oauth_callback_confirmed=true");

		Signing forLoopback = new Signing();
		forLoopback.oauth.put("oauth_callback", CALLBACK);
		String refused = rawPost(localhost, path, forLoopback.header("POST", this.twitter.requestTokenUri(), null));
		assertThat(refused).startsWith("HTTP/1.1 401");
	}

	@Test
	void failNextWhenScriptedThenFaultServedOnceAndCounted() throws Exception {
		this.twitter.failNext(FakeTwitter.REQUEST_TOKEN,
				Fault.answer(Response.json(503, "{\"errors\":[{\"code\":130,\"message\":\"Over capacity\"}]}")));
		HttpResponse<String> faulted = requestTokenResponse(CALLBACK);
		assertThat(faulted.statusCode()).isEqualTo(503);
		assertThat(faulted.body()).contains("Over capacity");
		assertThat(requestTokenResponse(CALLBACK).statusCode()).isEqualTo(200);
		assertThat(this.twitter.calls(FakeTwitter.REQUEST_TOKEN)).isEqualTo(2);
		assertThat(this.twitter.verifiedSignatures()).isEqualTo(1);
	}

	@Test
	void approveAsWhenCookieNamesThePersonThenEachSignInIsItsOwnPerson() throws Exception {
		this.twitter.approveAs((request) -> {
			String cookie = request.header("Cookie");
			if (cookie == null) {
				return null;
			}
			String id = cookie.substring(cookie.indexOf('=') + 1);
			return new FakePerson(id, "Person " + id, "p" + id, null, null);
		});
		assertThat(signInWithCookie("who=101")).containsEntry("user_id", "101").containsEntry("screen_name", "p101");
		assertThat(signInWithCookie("who=202")).containsEntry("user_id", "202");
		assertThat(signIn()).containsEntry("screen_name", "ada_lovelace");
		this.twitter.reset();
		assertThat(signInWithCookie("who=303")).containsEntry("screen_name", "ada_lovelace");
	}

	@Test
	void approveAsWhenChosenPersonHasNoScreenNameThenNotSentBack() throws Exception {
		this.twitter.approveAs((request) -> new FakePerson("101", "No Handle", null, null, null));
		String token = form(requestToken(CALLBACK)).get("oauth_token");
		// A failing handler ends the exchange without an answer (FakeServer): no redirect, no verifier.
		assertThatIOException()
			.isThrownBy(() -> get(this.twitter.authorizeUri() + "?oauth_token=" + token, null));
		assertThat(this.twitter.refusals()).isNotEmpty()
			.allSatisfy((refusal) -> assertThat(refusal).contains("screen name"));
	}

	@Test
	void resetWhenScriptChangedThenDefaultsBackAndIssuedTokensKept() throws Exception {
		this.twitter.nextPerson(FakePerson.READY_MADE.get(1));
		Map<String, String> grace = signIn();
		assertThat(grace).containsEntry("screen_name", "grace_hopper")
			.containsEntry("user_id", FakeTwitter.twitterIdFor("grace_hopper"));
		this.twitter.denyNext();
		this.twitter.reset();
		assertThat(this.twitter.verifiedSignatures()).isZero();
		assertThat(this.twitter.calls()).isEmpty();
		assertThat(signIn()).containsEntry("screen_name", "ada_lovelace");
		assertThat(verifyCredentials(grace, this.twitter.userInfoUri()).statusCode()).isEqualTo(200);
	}

	// ---- consent page (sandbox mode) ----

	@Test
	void consentPageWhenPersonChosenThenNamesEscaped() throws Exception {
		try (FakeTwitter sandbox = sandbox()) {
			String token = form(requestToken(sandbox, CALLBACK)).get("oauth_token");
			HttpResponse<String> page = get(sandbox.authorizeUri() + "?oauth_token=" + token + "&person=3", null);
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type.toLowerCase()).isEqualTo("text/html; charset=utf-8"));
			assertThat(page.body()).contains("<meta name=\"viewport\"")
				.contains("Authorize <strong>Sandbox &amp; Co</strong> to access your account?")
				.contains("Zoë &lt;b&gt;O&#39;Brien&lt;/b&gt; 🚀")
				.contains("value=\"Zoë &lt;b&gt;O&#39;Brien&lt;/b&gt; 🚀\"")
				.contains("value=\"zoe_obrien\"")
				.contains("value=\"zoe@example.com\"")
				.contains("Alan Turing (no email)")
				.contains("Authorize app")
				.contains("Cancel")
				.doesNotContain("<b>O'Brien</b>")
				.doesNotContain("<script");
			assertThat(page.body()).contains("person=3\" aria-current=\"true\"");
		}
	}

	@Test
	void consentWhenAuthorizedThenRedirectAndProfileOfEnteredPerson() throws Exception {
		try (FakeTwitter sandbox = sandbox()) {
			Map<String, String> requestToken = form(requestToken(sandbox, CALLBACK));
			String token = requestToken.get("oauth_token");
			HttpResponse<String> consent = postForm(sandbox.baseUri() + "/oauth/consent",
					"oauth_token=" + token + "&name=Zo%C3%AB+%3Cb%3EO%27Brien%3C%2Fb%3E+%F0%9F%9A%80"
							+ "&screen_name=%40zoe_obrien&email=zoe%40example.com&action=allow");
			assertThat(consent.statusCode()).isEqualTo(303);
			String location = consent.headers().firstValue("Location").orElseThrow();
			assertThat(location).startsWith(CALLBACK + "?oauth_token=" + token + "&oauth_verifier=");
			String verifier = form(URI.create(location).getRawQuery()).get("oauth_verifier");

			Map<String, String> accessToken = form(accessTokenResponse(sandbox, requestToken, verifier).body());
			String zoeId = FakeTwitter.twitterIdFor("zoe_obrien");
			assertThat(accessToken).containsEntry("user_id", zoeId).containsEntry("screen_name", "zoe_obrien");
			HttpResponse<String> profile = verifyCredentials(sandbox, accessToken, sandbox.userInfoUri());
			JsonNode user = JSON.readTree(profile.body());
			assertThat(user.get("name").asString()).isEqualTo("Zoë <b>O'Brien</b> 🚀");
			assertThat(user.get("id_str").asString()).isEqualTo(zoeId);
			assertThat(user.get("email").asString()).isEqualTo("zoe@example.com");
			assertThat(sandbox.verifiedSignatures()).isEqualTo(3);
		}
	}

	@Test
	void consentWhenPersonWithoutEmailThenProfileEmailNull() throws Exception {
		try (FakeTwitter sandbox = sandbox()) {
			Map<String, String> requestToken = form(requestToken(sandbox, CALLBACK));
			String token = requestToken.get("oauth_token");
			HttpResponse<String> consent = postForm(sandbox.baseUri() + "/oauth/consent", "oauth_token=" + token
					+ "&name=Alan+Turing+%28no+email%29&screen_name=alan_turing&email=&action=allow");
			String verifier = form(URI.create(consent.headers().firstValue("Location").orElseThrow()).getRawQuery())
				.get("oauth_verifier");
			Map<String, String> accessToken = form(accessTokenResponse(sandbox, requestToken, verifier).body());
			JsonNode user = JSON.readTree(verifyCredentials(sandbox, accessToken, sandbox.userInfoUri()).body());
			assertThat(user.get("screen_name").asString()).isEqualTo("alan_turing");
			assertThat(user.get("email").isNull()).isTrue();
		}
	}

	@Test
	void consentWhenCancelledThenDeniedRedirectAndTokenDead() throws Exception {
		try (FakeTwitter sandbox = sandbox()) {
			Map<String, String> requestToken = form(requestToken(sandbox, CALLBACK));
			String token = requestToken.get("oauth_token");
			HttpResponse<String> consent = postForm(sandbox.baseUri() + "/oauth/consent",
					"oauth_token=" + token + "&name=&screen_name=&email=&action=cancel");
			assertThat(consent.statusCode()).isEqualTo(303);
			assertThat(consent.headers().firstValue("Location")).hasValue(CALLBACK + "?denied=" + token);
			HttpResponse<String> again = get(sandbox.authorizeUri() + "?oauth_token=" + token, null);
			assertThat(again.statusCode()).isEqualTo(400);
			assertThat(accessTokenResponse(sandbox, requestToken, "x").body()).isEqualTo(CODE_89);
		}
	}

	@Test
	void consentWhenScreenNameInvalidThenPageAgainWithProblem() throws Exception {
		try (FakeTwitter sandbox = sandbox()) {
			String token = form(requestToken(sandbox, CALLBACK)).get("oauth_token");
			HttpResponse<String> consent = postForm(sandbox.baseUri() + "/oauth/consent",
					"oauth_token=" + token + "&name=%3Ci%3EX%3C%2Fi%3E&screen_name=not+valid&email=&action=allow");
			assertThat(consent.statusCode()).isEqualTo(400);
			assertThat(consent.body()).contains("A username has 1 to 15 letters")
				.contains("value=\"&lt;i&gt;X&lt;/i&gt;\"")
				.contains("value=\"not valid\"");
			// still pending: the person can correct it
			HttpResponse<String> fixed = postForm(sandbox.baseUri() + "/oauth/consent",
					"oauth_token=" + token + "&name=X&screen_name=valid_one&email=&action=allow");
			assertThat(fixed.statusCode()).isEqualTo(303);
		}
	}

	// ---- test-side client: a tiny OAuth 1.0a signer of its own ----

	/** One request's signing inputs; a fresh nonce and the current time unless a test changes them. */
	private static final class Signing {

		String consumerKey = CONSUMER_KEY;

		String consumerSecret = CONSUMER_SECRET;

		String token;

		String tokenSecret = "";

		String version = "1.0";

		String nonce = UUID.randomUUID().toString().replace("-", "");

		long timestamp = Instant.now().getEpochSecond();

		final Map<String, String> oauth = new LinkedHashMap<>();

		String header(String method, String url, String formBody) {
			Map<String, String> protocol = new LinkedHashMap<>();
			protocol.put("oauth_consumer_key", this.consumerKey);
			protocol.put("oauth_nonce", this.nonce);
			protocol.put("oauth_signature_method", "HMAC-SHA1");
			protocol.put("oauth_timestamp", Long.toString(this.timestamp));
			if (this.token != null) {
				protocol.put("oauth_token", this.token);
			}
			if (this.version != null) {
				protocol.put("oauth_version", this.version);
			}
			protocol.putAll(this.oauth);
			URI uri = URI.create(url);
			List<String[]> pairs = new ArrayList<>();
			protocol.forEach((name, value) -> pairs.add(new String[] { enc(name), enc(value) }));
			for (String source : new String[] { uri.getRawQuery(), formBody }) {
				for (Map.Entry<String, String> entry : formPairs(source)) {
					pairs.add(new String[] { enc(entry.getKey()), enc(entry.getValue()) });
				}
			}
			pairs.sort(Comparator.<String[], String>comparing((pair) -> pair[0]).thenComparing((pair) -> pair[1]));
			StringBuilder params = new StringBuilder();
			for (String[] pair : pairs) {
				params.append((params.length() == 0) ? "" : "&").append(pair[0]).append('=').append(pair[1]);
			}
			String base = method + "&" + enc(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()) + "&"
					+ enc(params.toString());
			String signature;
			try {
				Mac mac = Mac.getInstance("HmacSHA1");
				mac.init(new SecretKeySpec((enc(this.consumerSecret) + "&" + enc(this.tokenSecret))
					.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
				signature = Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
			protocol.put("oauth_signature", signature);
			StringBuilder header = new StringBuilder("OAuth ");
			protocol.forEach((name, value) -> header.append((header.length() > 6) ? ", " : "")
				.append(enc(name))
				.append("=\"")
				.append(enc(value))
				.append('"'));
			return header.toString();
		}

		private static String enc(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8)
				.replace("+", "%20")
				.replace("*", "%2A")
				.replace("%7E", "~");
		}

	}

	private static List<Map.Entry<String, String>> formPairs(String text) {
		List<Map.Entry<String, String>> pairs = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return pairs;
		}
		for (String pair : text.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			pairs.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8)));
		}
		return pairs;
	}

	private static Map<String, String> form(String text) {
		Map<String, String> map = new LinkedHashMap<>();
		formPairs(text).forEach((entry) -> map.put(entry.getKey(), entry.getValue()));
		return map;
	}

	private FakeTwitter sandbox() {
		FakeTwitter sandbox = FakeTwitter.startSandbox(0, CONSUMER_KEY, CONSUMER_SECRET);
		sandbox.allowCallback(CALLBACK);
		sandbox.appName("Sandbox & Co");
		return sandbox;
	}

	private String requestToken(String callback) throws Exception {
		return requestToken(this.twitter, callback);
	}

	private String requestToken(FakeTwitter provider, String callback) throws Exception {
		HttpResponse<String> response = requestTokenResponse(provider, callback);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
		return response.body();
	}

	private HttpResponse<String> requestTokenResponse(String callback) throws Exception {
		return requestTokenResponse(this.twitter, callback);
	}

	private HttpResponse<String> requestTokenResponse(FakeTwitter provider, String callback) throws Exception {
		Signing signing = new Signing();
		signing.oauth.put("oauth_callback", callback);
		return post(provider.requestTokenUri(), signing, null);
	}

	private String approve(String requestToken) throws Exception {
		HttpResponse<String> response = get(this.twitter.authorizeUri() + "?oauth_token=" + requestToken, null);
		assertThat(response.statusCode()).isEqualTo(302);
		return form(URI.create(response.headers().firstValue("Location").orElseThrow()).getRawQuery())
			.get("oauth_verifier");
	}

	private HttpResponse<String> accessTokenResponse(Map<String, String> requestToken, String verifier)
			throws Exception {
		return accessTokenResponse(this.twitter, requestToken, verifier);
	}

	private HttpResponse<String> accessTokenResponse(FakeTwitter provider, Map<String, String> requestToken,
			String verifier) throws Exception {
		Signing signing = new Signing();
		signing.token = requestToken.get("oauth_token");
		signing.tokenSecret = requestToken.get("oauth_token_secret");
		signing.oauth.put("oauth_verifier", verifier);
		return post(provider.accessTokenUri(), signing, null);
	}

	private Map<String, String> signIn() throws Exception {
		Map<String, String> requestToken = form(requestToken(CALLBACK));
		String verifier = approve(requestToken.get("oauth_token"));
		HttpResponse<String> access = accessTokenResponse(requestToken, verifier);
		assertThat(access.statusCode()).as(access.body()).isEqualTo(200);
		return form(access.body());
	}

	/** A whole sign-in whose authenticate request carries this Cookie header, as a browser logged in at X would. */
	private Map<String, String> signInWithCookie(String cookie) throws Exception {
		Map<String, String> requestToken = form(requestToken(CALLBACK));
		HttpResponse<String> approval = send(HttpRequest
			.newBuilder(URI.create(this.twitter.authorizeUri() + "?oauth_token=" + requestToken.get("oauth_token")))
			.header("Cookie", cookie)
			.GET());
		assertThat(approval.statusCode()).isEqualTo(302);
		String verifier = form(URI.create(approval.headers().firstValue("Location").orElseThrow()).getRawQuery())
			.get("oauth_verifier");
		HttpResponse<String> access = accessTokenResponse(requestToken, verifier);
		assertThat(access.statusCode()).as(access.body()).isEqualTo(200);
		return form(access.body());
	}

	private HttpResponse<String> verifyCredentials(Map<String, String> accessToken, String uri) throws Exception {
		return verifyCredentials(this.twitter, accessToken, uri);
	}

	private HttpResponse<String> verifyCredentials(FakeTwitter provider, Map<String, String> accessToken, String uri)
			throws Exception {
		return get(uri, signedWith(accessToken).header("GET", uri, null));
	}

	/** Signing with an access token (or request token) and its secret, fresh nonce and time. */
	private static Signing signedWith(Map<String, String> token) {
		Signing signing = new Signing();
		signing.token = token.get("oauth_token");
		signing.tokenSecret = token.get("oauth_token_secret");
		return signing;
	}

	private HttpResponse<String> post(String uri, Signing signing, String formBody) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
			.header("Authorization", signing.header("POST", uri, formBody));
		if (formBody != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(formBody));
		}
		else {
			request.POST(HttpRequest.BodyPublishers.noBody());
		}
		return send(request);
	}

	private HttpResponse<String> postForm(String uri, String formBody) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(uri))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formBody)));
	}

	private HttpResponse<String> get(String uri, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** A hand-written request, for a Host header the JDK client will not let a test set. */
	private String rawPost(String host, String path, String authorization) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.twitter.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization
					+ "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			try (InputStream in = socket.getInputStream()) {
				in.transferTo(answer);
			}
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

}
