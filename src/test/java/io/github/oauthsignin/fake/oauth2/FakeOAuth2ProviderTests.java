package io.github.oauthsignin.fake.oauth2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Proves the generic fake provider strict in each flavour by talking to it over HTTP as a client would, with the
 * JDK's HTTP client and the test's own PKCE and JWT code (ID tokens are decoded and their RS256 signatures checked
 * against the JWK Set with {@code java.security}): nothing from the application. One fake per flavour and mode
 * serves the whole class, {@link FakeOAuth2Provider#reset() reset} between tests, so the suite stays fast.
 */
class FakeOAuth2ProviderTests {

	private static final String CLIENT_ID = "client-4711";

	private static final String SECRET = "s3cret-0123456789abcdef";

	private static final String CALLBACK = "http://127.0.0.1:8080/login/oauth2/code/acme";

	private static final String ISSUER_PATH = "/realms/acme";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static FakeOAuth2Provider oidc;

	private static FakeOAuth2Provider github;

	private static FakeOAuth2Provider x;

	private static FakeOAuth2Provider oidcSandbox;

	private static FakeOAuth2Provider githubSandbox;

	private static FakeOAuth2Provider xSandbox;

	@BeforeAll
	static void startProviders() {
		oidc = FakeOAuth2Provider.start(Flavour.OIDC, 0, ISSUER_PATH, CLIENT_ID, SECRET);
		github = FakeOAuth2Provider.start(Flavour.GITHUB, CLIENT_ID, SECRET);
		x = FakeOAuth2Provider.start(Flavour.X, CLIENT_ID, SECRET);
		oidcSandbox = FakeOAuth2Provider.startSandbox(Flavour.OIDC, 0, CLIENT_ID, SECRET);
		githubSandbox = FakeOAuth2Provider.startSandbox(Flavour.GITHUB, 0, CLIENT_ID, SECRET);
		xSandbox = FakeOAuth2Provider.startSandbox(Flavour.X, 0, CLIENT_ID, SECRET);
		for (FakeOAuth2Provider provider : all()) {
			provider.allowRedirectUri(CALLBACK);
		}
	}

	@AfterAll
	static void stopProviders() {
		for (FakeOAuth2Provider provider : all()) {
			provider.close();
		}
	}

	@BeforeEach
	void resetProviders() {
		for (FakeOAuth2Provider provider : all()) {
			provider.reset();
			provider.appName("App " + CLIENT_ID);
			provider.providerName("Sandbox ID");
		}
	}

	private static List<FakeOAuth2Provider> all() {
		return List.of(oidc, github, x, oidcSandbox, githubSandbox, xSandbox);
	}

	// ---------------------------------------------------------------- OpenID Connect: discovery, JWKS, ID tokens

	@Test
	void discoveryWhenFetchedThenEndpointsUnderTheExactIssuer() throws Exception {
		String issuer = oidc.issuer();
		assertThat(issuer).isEqualTo(oidc.baseUri() + ISSUER_PATH);
		HttpResponse<String> discovery = get(issuer + "/.well-known/openid-configuration");
		assertThat(discovery.statusCode()).isEqualTo(200);
		assertThat(discovery.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		Map<String, Object> document = json(discovery);
		assertThat(document).containsEntry("issuer", issuer)
			.containsEntry("authorization_endpoint", issuer + "/authorize")
			.containsEntry("token_endpoint", issuer + "/token")
			.containsEntry("userinfo_endpoint", issuer + "/userinfo")
			.containsEntry("jwks_uri", issuer + "/jwks")
			.containsEntry("response_types_supported", List.of("code"))
			.containsEntry("subject_types_supported", List.of("public"))
			.containsEntry("id_token_signing_alg_values_supported", List.of("RS256"))
			.containsEntry("token_endpoint_auth_methods_supported", List.of("client_secret_basic",
					"client_secret_post"))
			.containsEntry("code_challenge_methods_supported", List.of("S256"))
			.containsEntry("authorization_response_iss_parameter_supported", true);
		assertThat(document.get("scopes_supported")).asList().contains("openid", "profile", "email");
		assertThat(oidc.authorizationUri()).isEqualTo(issuer + "/authorize");
		assertThat(oidc.tokenUri()).isEqualTo(issuer + "/token");
		assertThat(oidc.userInfoUri()).isEqualTo(issuer + "/userinfo");
		assertThat(oidc.jwkSetUri()).isEqualTo(issuer + "/jwks");
		assertThat(get(oidc.baseUri() + "/.well-known/openid-configuration").statusCode()).isEqualTo(404);
		assertThat(oidc.calls(FakeOAuth2Provider.DISCOVERY)).isEqualTo(1);
	}

	@Test
	void jwksWhenFetchedThenOneRsaKeyWithUnsignedBase64UrlModulus() throws Exception {
		Map<String, Object> key = jwks(oidc).get(0);
		assertThat(key).containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig")
			.containsKey("kid");
		byte[] modulus = Base64.getUrlDecoder().decode((String) key.get("n"));
		assertThat(modulus).hasSize(256);
		assertThat(modulus[0]).isNotZero();
		assertThat((String) key.get("e")).isEqualTo("AQAB");
		assertThat((String) key.get("n")).doesNotContain("=", "+", "/");
	}

	@Test
	void idTokenWhenSignedInThenVerifiesWithJwksKeyAndCarriesTheClaims() throws Exception {
		SignIn signIn = signIn(oidc, "openid profile email", "nonce-1");
		assertThat(signIn.tokenBody()).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600)
			.containsEntry("scope", "openid profile email").containsKeys("access_token", "id_token");
		Jwt jwt = Jwt.parse(signIn.idToken());
		assertHonest(jwt, "nonce-1");
		FakePerson ada = FakePerson.READY_MADE.get(0);
		assertThat(jwt.header()).containsEntry("typ", "JWT");
		assertThat(jwt.claims()).containsEntry("sub", ada.id())
			.containsEntry("name", ada.name())
			.containsEntry("preferred_username", ada.screenName())
			.containsEntry("email", ada.email())
			.containsEntry("email_verified", true)
			.doesNotContainKeys("picture", "azp")
			.containsKey("auth_time");
		assertThat(oidc.issuedIdTokens()).endsWith(signIn.idToken());
		assertThat(oidc.issuedAccessTokens()).endsWith(signIn.accessToken());
		assertThat(oidc.lastAuthorizationRequest()).containsEntry("nonce", "nonce-1").containsEntry("state", "s")
			.containsEntry("code_challenge_method", "S256").containsKey("code_challenge");
		assertThat(oidc.refusals()).isEmpty();
	}

	@Test
	void idTokenWhenNoNonceSentThenNoNonceClaim() throws Exception {
		Jwt jwt = Jwt.parse(signIn(oidc, "openid", null).idToken());
		assertThat(jwt.claims()).doesNotContainKeys("nonce", "name", "email");
		assertThat(verifiesWithJwks(oidc, jwt)).isTrue();
	}

	@Test
	void idTokenWhenScopesOnlyOpenidAndEmailThenNoProfileClaims() throws Exception {
		oidc.nextPerson(FakePerson.READY_MADE.get(4));
		Jwt jwt = Jwt.parse(signIn(oidc, "openid email", "n").idToken());
		assertThat(jwt.claims()).containsEntry("email", "edsger@example.com").containsEntry("email_verified", false)
			.doesNotContainKeys("name", "preferred_username");
	}

	@Test
	void tokenWhenScopeWithoutOpenidThenNoIdTokenAndUserInfoRefused() throws Exception {
		int idTokens = oidc.issuedIdTokens().size();
		SignIn signIn = signIn(oidc, "profile email", null);
		assertThat(signIn.tokenBody()).doesNotContainKey("id_token");
		assertThat(oidc.issuedIdTokens()).hasSize(idTokens);
		HttpResponse<String> userInfo = bearer(oidc.userInfoUri(), signIn.accessToken());
		assertThat(userInfo.statusCode()).isEqualTo(403);
		assertThat(userInfo.headers().firstValue("WWW-Authenticate").orElseThrow())
			.contains("error=\"insufficient_scope\"");
	}

	@ParameterizedTest
	@EnumSource(IdTokenAttack.class)
	void idTokenWhenAttackedThenBrokenAsSaidAndOnlyTheNextOne(IdTokenAttack attack) throws Exception {
		int issued = oidc.issuedIdTokens().size();
		oidc.attackNextIdToken(attack);
		Jwt forged = Jwt.parse(signIn(oidc, "openid profile email", "sent-nonce").idToken());
		Jwt honest = Jwt.parse(signIn(oidc, "openid profile email", "next-nonce").idToken());
		assertHonest(honest, "next-nonce");
		List<String> kids = jwks(oidc).stream().map((key) -> (String) key.get("kid")).toList();
		long honestIat = number(honest, "iat");
		boolean claimAttack = true;
		switch (attack) {
			case BAD_SIGNATURE -> {
				assertThat(forged.header()).containsEntry("alg", "RS256");
				assertThat(kids).contains((String) forged.header().get("kid"));
				assertThat(verifiesWithJwks(oidc, forged)).isFalse();
				claimAttack = false;
			}
			case ALG_NONE -> {
				assertThat(forged.header()).containsEntry("alg", "none").doesNotContainKey("kid");
				assertThat(forged.signature()).isEmpty();
				claimAttack = false;
			}
			case UNKNOWN_KID -> {
				assertThat(forged.header()).containsEntry("alg", "RS256");
				assertThat(kids).doesNotContain((String) forged.header().get("kid"));
				assertThat(verifiesWithAnyJwksKey(oidc, forged)).isFalse();
				claimAttack = false;
			}
			case WRONG_ISSUER -> assertThat(forged.claims().get("iss")).isNotEqualTo(oidc.issuer());
			case WRONG_AUDIENCE -> assertThat(forged.claims().get("aud")).isNotEqualTo(CLIENT_ID)
				.asString().doesNotContain(CLIENT_ID);
			case EXTRA_AUDIENCE_WITHOUT_AZP -> {
				assertThat(forged.claims().get("aud")).asList().contains(CLIENT_ID).hasSize(2);
				assertThat(forged.claims()).doesNotContainKey("azp");
			}
			case WRONG_AZP -> {
				assertThat(forged.claims().get("aud")).asList().contains(CLIENT_ID).hasSize(2);
				assertThat(forged.claims().get("azp")).isNotNull().isNotEqualTo(CLIENT_ID);
			}
			case EXPIRED -> {
				assertThat(number(forged, "exp")).isLessThanOrEqualTo(honestIat - 590);
				assertThat(number(forged, "iat")).isLessThanOrEqualTo(honestIat - 70 * 60 + 10);
			}
			case ISSUED_IN_FUTURE -> assertThat(number(forged, "iat")).isGreaterThanOrEqualTo(honestIat + 290);
			case MISSING_NONCE -> assertThat(forged.claims()).doesNotContainKey("nonce");
			case WRONG_NONCE -> assertThat(forged.claims().get("nonce")).isNotNull().isNotEqualTo("sent-nonce");
			case HS256_WITH_CLIENT_SECRET -> {
				assertThat(forged.header()).containsEntry("alg", "HS256");
				assertThat(forged.signature()).isEqualTo(hmac(SECRET, forged.signingInput()));
				claimAttack = false;
			}
			case ALGORITHM_NOT_LISTED -> {
				assertThat(forged.header()).containsEntry("alg", "ES256");
				assertThat(kids).contains((String) forged.header().get("kid"));
				assertThat(verifiesWithJwks(oidc, forged)).isTrue();
				assertThat(discovery(oidc).get("id_token_signing_alg_values_supported")).isEqualTo(List.of("RS256"));
				claimAttack = false;
			}
		}
		if (claimAttack) {
			assertThat(verifiesWithJwks(oidc, forged)).as("only the claim is broken").isTrue();
		}
		else {
			assertThat(forged.claims()).containsEntry("iss", oidc.issuer()).containsEntry("aud", CLIENT_ID)
				.containsEntry("nonce", "sent-nonce");
		}
		assertThat(oidc.issuedIdTokens()).hasSize(issued + 2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "PS256", "ES256", "EdDSA" })
	void idTokenWhenSignedWithAnAlgorithmThenDiscoveryListsItAndItsJwksKeyVerifiesIt(String algorithm)
			throws Exception {
		try (FakeOAuth2Provider issuer = FakeOAuth2Provider.start(Flavour.OIDC, CLIENT_ID, SECRET)) {
			issuer.allowRedirectUri(CALLBACK);
			issuer.signIdTokensWith(algorithm);
			Jwt jwt = Jwt.parse(signIn(issuer, "openid", "n").idToken());
			assertThat(jwt.header()).containsEntry("alg", algorithm);
			assertThat(discovery(issuer).get("id_token_signing_alg_values_supported")).isEqualTo(List.of(algorithm));
			assertThat(jwks(issuer)).hasSize(1).allSatisfy((key) -> assertThat(key).containsEntry("alg", algorithm)
				.containsEntry("use", "sig"));
			assertThat(verifiesWithJwks(issuer, jwt)).isTrue();
			Jwt tampered = new Jwt(jwt.header(), jwt.claims(), jwt.signingInput() + "x", jwt.signature());
			assertThat(verifiesWithJwks(issuer, tampered)).isFalse();
		}
	}

	@Test
	void publishUnusableKeysWhenCalledThenEveryJwksKeyIsForEncryptionUntilReset() throws Exception {
		oidc.publishUnusableKeys();
		assertThat(jwks(oidc)).isNotEmpty().allSatisfy((key) -> assertThat(key).containsEntry("use", "enc"));
		oidc.reset();
		assertThat(jwks(oidc)).isNotEmpty().allSatisfy((key) -> assertThat(key).containsEntry("use", "sig"));
	}

	@Test
	void rotateKeysWhenCalledThenNewKidAndOldTokensNoLongerVerify() throws Exception {
		Jwt before = Jwt.parse(signIn(oidc, "openid", "a").idToken());
		String oldKid = (String) jwks(oidc).get(0).get("kid");
		oidc.rotateKeys();
		List<Map<String, Object>> keys = jwks(oidc);
		assertThat(keys).hasSize(1);
		assertThat(keys.get(0).get("kid")).isNotEqualTo(oldKid);
		assertThat(verifiesWithAnyJwksKey(oidc, before)).isFalse();
		Jwt after = Jwt.parse(signIn(oidc, "openid", "b").idToken());
		assertThat(after.header()).containsEntry("kid", keys.get(0).get("kid"));
		assertThat(verifiesWithJwks(oidc, after)).isTrue();
	}

	// ---------------------------------------------------------------- OpenID Connect: UserInfo

	@Test
	void userInfoWhenBearerTokenThenClaimsWithTheIdTokensSubject() throws Exception {
		FakePerson pictured = new FakePerson("sub|42", "Pic Person", "pic", "pic@example.org",
				"https://pictures.example/p.jpg", false);
		oidc.nextPerson(pictured);
		SignIn signIn = signIn(oidc, "openid profile email", "n");
		HttpResponse<String> userInfo = bearer(oidc.userInfoUri(), signIn.accessToken());
		assertThat(userInfo.statusCode()).isEqualTo(200);
		assertThat(json(userInfo)).containsOnlyKeys("sub", "name", "preferred_username", "picture", "email",
				"email_verified")
			.containsEntry("sub", "sub|42")
			.containsEntry("picture", "https://pictures.example/p.jpg")
			.containsEntry("email_verified", false);
		assertThat(Jwt.parse(signIn.idToken()).claims()).containsEntry("sub", "sub|42")
			.containsEntry("picture", "https://pictures.example/p.jpg");
	}

	@Test
	void nextUserInfoSubjectWhenSetThenOnlyTheNextAnswerCarriesIt() throws Exception {
		SignIn signIn = signIn(oidc, "openid", "n");
		oidc.nextUserInfoSubject("someone-else");
		assertThat(json(bearer(oidc.userInfoUri(), signIn.accessToken()))).containsEntry("sub", "someone-else");
		assertThat(json(bearer(oidc.userInfoUri(), signIn.accessToken())))
			.containsEntry("sub", FakePerson.READY_MADE.get(0).id());
	}

	@Test
	void userInfoWhenTokenUnknownMissingOrExpiredThenRefused() throws Exception {
		HttpResponse<String> unknown = bearer(oidc.userInfoUri(), "made-up");
		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(unknown.headers().firstValue("WWW-Authenticate").orElseThrow())
			.startsWith("Bearer ").contains("error=\"invalid_token\"");
		assertThat(get(oidc.userInfoUri()).statusCode()).isEqualTo(401);
		SignIn signIn = signIn(oidc, "openid", "n");
		oidc.advanceClock(Duration.ofMinutes(61));
		assertThat(bearer(oidc.userInfoUri(), signIn.accessToken()).statusCode()).isEqualTo(401);
		assertThat(oidc.refusals()).hasSize(3);
	}

	// ---------------------------------------------------------------- shared strictness (OpenID Connect flavour)

	@Test
	void tokenWhenCodeUsedTwiceThenRefusedAndFirstTokenRevoked() throws Exception {
		String verifier = newVerifier();
		String code = approve(oidc, params(oidc, "s", challengeOf(verifier), null)).get("code");
		String accessToken = (String) json(tokenRequest(oidc, code, CALLBACK, verifier)).get("access_token");
		assertThat(bearer(oidc.userInfoUri(), accessToken).statusCode()).isEqualTo(200);
		HttpResponse<String> replay = tokenRequest(oidc, code, CALLBACK, verifier);
		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(json(replay)).containsEntry("error", "invalid_grant").containsKey("error_description");
		assertThat(bearer(oidc.userInfoUri(), accessToken).statusCode()).isEqualTo(401);
		assertThat(oidc.refusals()).anySatisfy((refusal) -> assertThat(refusal).contains("has been used"));
	}

	@Test
	void authorizeWhenRedirectUriNotAllowedThenErrorPageNeverARedirect() throws Exception {
		for (String redirectUri : List.of(CALLBACK + "/", CALLBACK + "?x=1", "http://evil.example/callback",
				CALLBACK.replace("127.0.0.1", "localhost"), CALLBACK.toUpperCase())) {
			Map<String, String> params = params(oidc, "s", null, null);
			params.put("redirect_uri", redirectUri);
			HttpResponse<String> page = get(authorizeUri(oidc, params));
			assertThat(page.statusCode()).isEqualTo(400);
			assertThat(page.headers().firstValue("Location")).isEmpty();
			assertThat(page.body()).contains("<html lang=\"en\">").contains("redirect_uri_mismatch");
		}
		assertThat(oidc.refusals()).hasSize(5).allSatisfy((refusal) -> assertThat(refusal).contains("redirect_uri"));
	}

	@Test
	void authorizeWhenClientUnknownResponseTypeWrongOrParameterRepeatedThenRefused() throws Exception {
		Map<String, String> unknownClient = params(oidc, "s", null, null);
		unknownClient.put("client_id", "other");
		Map<String, String> implicit = params(oidc, "s", null, null);
		implicit.put("response_type", "token");
		for (Map<String, String> params : List.of(unknownClient, implicit)) {
			HttpResponse<String> page = get(authorizeUri(oidc, params));
			assertThat(page.statusCode()).isEqualTo(400);
			assertThat(page.headers().firstValue("Location")).isEmpty();
		}
		HttpResponse<String> repeated = get(authorizeUri(oidc, params(oidc, "s", null, null)) + "&state=t");
		assertThat(repeated.statusCode()).isEqualTo(400);
		assertThat(oidc.refusals()).hasSize(3);
		assertThat(oidc.refusals().get(2)).contains("state");
	}

	@Test
	void authorizeWhenScopeUnknownThenRefusedInEveryFlavour() throws Exception {
		for (FakeOAuth2Provider provider : List.of(oidc, github, x)) {
			Map<String, String> params = params(provider, "s", challengeOf(newVerifier()), null);
			params.put("scope", params.get("scope") + " admin");
			HttpResponse<String> page = get(authorizeUri(provider, params));
			assertThat(page.statusCode()).as(provider.flavour().name()).isEqualTo(400);
			assertThat(page.headers().firstValue("Location")).isEmpty();
			assertThat(provider.refusals()).singleElement().asString().contains("admin");
		}
	}

	@Test
	void authorizeWhenStateHasSpecialCharactersThenEchoedExactly() throws Exception {
		String state = "a b+c&d=e/f?g%h é🚀";
		for (FakeOAuth2Provider provider : List.of(oidc, github, x)) {
			Map<String, String> callback = approve(provider, params(provider, state, challengeOf(newVerifier()),
					null));
			assertThat(callback).containsEntry("state", state).containsKey("code");
		}
	}

	@Test
	void authorizeWhenRedirectUriHasQueryThenCodeAppendedWithAmpersand() throws Exception {
		String withQuery = CALLBACK + "?from=home";
		github.allowRedirectUri(withQuery);
		Map<String, String> params = params(github, "s", null, null);
		params.put("redirect_uri", withQuery);
		String location = location(get(authorizeUri(github, params)));
		assertThat(location).startsWith(withQuery + "&code=").endsWith("&state=s");
	}

	@Test
	void tokenWhenRedirectUriDiffersOrMissingThenRefused() throws Exception {
		String verifier = newVerifier();
		String code = approve(oidc, params(oidc, "s", challengeOf(verifier), null)).get("code");
		assertThat(json(tokenRequest(oidc, code, CALLBACK + "/", verifier))).containsEntry("error", "invalid_grant");
		assertThat(json(tokenRequest(oidc, code, null, verifier))).containsEntry("error", "invalid_request");
		assertThat(tokenRequest(oidc, code, CALLBACK, verifier).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenWhenVerifierWrongMissingOrADowngradeThenRefused() throws Exception {
		String verifier = newVerifier();
		String code = approve(oidc, params(oidc, "s", challengeOf(verifier), null)).get("code");
		List<String> issued = oidc.issuedAccessTokens();
		assertThat(tokenRequest(oidc, code, CALLBACK, newVerifier()).statusCode()).isEqualTo(400);
		assertThat(tokenRequest(oidc, code, CALLBACK, challengeOf(verifier)).statusCode()).isEqualTo(400);
		assertThat(tokenRequest(oidc, code, CALLBACK, null).statusCode()).isEqualTo(400);
		assertThat(oidc.issuedAccessTokens()).isEqualTo(issued);
		String withoutChallenge = approve(oidc, params(oidc, "s", null, null)).get("code");
		HttpResponse<String> downgrade = tokenRequest(oidc, withoutChallenge, CALLBACK, newVerifier());
		assertThat(json(downgrade)).containsEntry("error", "invalid_grant");
		assertThat(tokenRequest(oidc, withoutChallenge, CALLBACK, null).statusCode()).isEqualTo(200);
		assertThat(tokenRequest(oidc, code, CALLBACK, verifier).statusCode()).isEqualTo(200);
	}

	@Test
	void authorizeWhenChallengePlainOrMalformedThenRefused() throws Exception {
		Map<String, String> plain = params(oidc, "s", newVerifier(), null);
		plain.put("code_challenge_method", "plain");
		Map<String, String> noMethod = params(oidc, "s", challengeOf(newVerifier()), null);
		noMethod.remove("code_challenge_method");
		Map<String, String> malformed = params(oidc, "s", "too-short", null);
		for (Map<String, String> params : List.of(plain, noMethod, malformed)) {
			assertThat(get(authorizeUri(oidc, params)).statusCode()).isEqualTo(400);
		}
		assertThat(oidc.refusals()).hasSize(3);
	}

	@Test
	void tokenWhenClientSecretWrongThenRefusedInEveryFlavour() throws Exception {
		for (FakeOAuth2Provider provider : List.of(oidc, github, x)) {
			String verifier = newVerifier();
			String code = approve(provider, params(provider, "s", challengeOf(verifier), null)).get("code");
			List<String> issued = provider.issuedAccessTokens();
			HttpResponse<String> token = tokenRequest(provider, code, CALLBACK, verifier, CLIENT_ID, "wrong", null);
			assertThat(token.body()).as(provider.flavour().name()).doesNotContain("access_token");
			assertThat(provider.issuedAccessTokens()).isEqualTo(issued);
			assertThat(provider.refusals()).singleElement().asString().contains("secret");
		}
		HttpResponse<String> oidcAnswer = tokenRequest(oidc, "any", CALLBACK, null, CLIENT_ID, "wrong", null);
		assertThat(oidcAnswer.statusCode()).isEqualTo(401);
		assertThat(json(oidcAnswer)).containsEntry("error", "invalid_client");
	}

	@Test
	void tokenWhenClientAuthenticatedInTheBodyOrBothWaysThenOnlyOneWayAccepted() throws Exception {
		String verifier = newVerifier();
		String code = approve(oidc, params(oidc, "s", challengeOf(verifier), null)).get("code");
		Map<String, String> form = tokenForm(code, CALLBACK, verifier);
		form.put("client_id", CLIENT_ID);
		form.put("client_secret", SECRET);
		HttpResponse<String> both = post(oidc.tokenUri(), form, basic(CLIENT_ID, SECRET), null);
		assertThat(both.statusCode()).isEqualTo(400);
		assertThat(json(both)).containsEntry("error", "invalid_request");
		assertThat(post(oidc.tokenUri(), form, null, null).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenWhenCodeExpiredOrUnknownThenRefused() throws Exception {
		String code = approve(oidc, params(oidc, "s", null, null)).get("code");
		oidc.advanceClock(Duration.ofMinutes(10).plusSeconds(1));
		assertThat(json(tokenRequest(oidc, code, CALLBACK, null))).containsEntry("error", "invalid_grant");
		assertThat(json(tokenRequest(oidc, "made-up", CALLBACK, null))).containsEntry("error", "invalid_grant");
		assertThat(oidc.refusals()).hasSize(2);
	}

	@Test
	void denyNextWhenOidcOrXThenAccessDeniedWithStateOnce() throws Exception {
		for (FakeOAuth2Provider provider : List.of(oidc, x)) {
			provider.denyNext();
			String location = location(get(authorizeUri(provider, params(provider, "st ate",
					challengeOf(newVerifier()), null))));
			String iss = (provider == oidc) ? "&iss=" + URLEncoder.encode(oidc.issuer(), StandardCharsets.UTF_8) : "";
			assertThat(location).isEqualTo(CALLBACK + "?error=access_denied&state=st%20ate" + iss);
			assertThat(approve(provider, params(provider, "s", challengeOf(newVerifier()), null))).containsKey("code");
		}
	}

	@Test
	void callbackIssuerWhenOidcThenItsIssuerOnEveryRedirectUnlessTheNextIsReplacedOrOmittedOnce() throws Exception {
		assertThat(approve(oidc, params(oidc, "s", null, null))).containsEntry("iss", oidc.issuer());
		oidc.nextCallbackIssuer("https://attacker.example");
		assertThat(approve(oidc, params(oidc, "s", null, null))).containsEntry("iss", "https://attacker.example");
		oidc.nextCallbackIssuer(null);
		assertThat(approve(oidc, params(oidc, "s", null, null))).doesNotContainKey("iss").containsKey("code");
		assertThat(approve(oidc, params(oidc, "s", null, null))).containsEntry("iss", oidc.issuer());
		assertThat(approve(x, params(x, "s", challengeOf(newVerifier()), null))).doesNotContainKey("iss");
	}

	@Test
	void approveAsWhenChooserNamesThePersonThenThatPersonSignsIn() throws Exception {
		oidc.approveAs((request) -> {
			String cookie = request.header("Cookie");
			return (cookie != null) ? new FakePerson(cookie.substring(cookie.indexOf('=') + 1), "P", null, null,
					null) : null;
		});
		Map<String, String> params = params(oidc, "s", null, "n");
		HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(authorizeUri(oidc, params)))
			.header("Cookie", "who=chosen-1")
			.build(), HttpResponse.BodyHandlers.ofString());
		String code = callbackParameters(location(answer)).get("code");
		Map<String, Object> token = json(tokenRequest(oidc, code, CALLBACK, null));
		assertThat(Jwt.parse((String) token.get("id_token")).claims()).containsEntry("sub", "chosen-1");
	}

	@Test
	void startWhenPortGivenThenListensThere() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (FakeOAuth2Provider late = FakeOAuth2Provider.start(Flavour.OIDC, port, CLIENT_ID, SECRET)) {
			assertThat(late.issuer()).isEqualTo("http://127.0.0.1:" + port);
			assertThat(json(get(late.issuer() + "/.well-known/openid-configuration")))
				.containsEntry("issuer", "http://127.0.0.1:" + port);
		}
	}

	@Test
	void knobsWhenFlavourOrModeDoesNotHaveThemThenRejected() {
		assertThatIllegalStateException().isThrownBy(github::issuer);
		assertThatIllegalStateException().isThrownBy(() -> x.attackNextIdToken(IdTokenAttack.ALG_NONE));
		assertThatIllegalStateException().isThrownBy(oidcSandbox::denyNext);
		assertThatIllegalArgumentException().isThrownBy(
				() -> github.nextPerson(new FakePerson("abc", "A", "a", null, null)));
		assertThatIllegalArgumentException().isThrownBy(
				() -> x.nextPerson(new FakePerson("1", "A", "not a handle", null, null)));
		assertThatIllegalArgumentException().isThrownBy(
				() -> FakeOAuth2Provider.start(Flavour.GITHUB, 0, "/path", CLIENT_ID, SECRET));
	}

	// ---------------------------------------------------------------- GitHub

	@Test
	void githubTokenWhenAcceptJsonThenJsonElseFormEncoded() throws Exception {
		String code = approve(github, params(github, "s", null, null)).get("code");
		HttpResponse<String> form = tokenRequest(github, code, CALLBACK, null, CLIENT_ID, SECRET, null);
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.headers().firstValue("Content-Type").orElseThrow())
			.startsWith("application/x-www-form-urlencoded");
		Map<String, String> fields = formFields(form.body());
		assertThat(fields).containsEntry("token_type", "bearer").containsEntry("scope", "read:user,user:email");
		assertThat(fields.get("access_token")).startsWith("gho_");
		String again = approve(github, params(github, "s", null, null)).get("code");
		HttpResponse<String> json = tokenRequest(github, again, CALLBACK, null, CLIENT_ID, SECRET,
				"application/json");
		assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		assertThat(json(json)).containsOnlyKeys("access_token", "token_type", "scope")
			.containsEntry("token_type", "bearer");
	}

	@Test
	void githubTokenWhenCodeBadThenStatus200WithAnError() throws Exception {
		HttpResponse<String> json = tokenRequest(github, "made-up", CALLBACK, null, CLIENT_ID, SECRET,
				"application/json");
		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(json(json)).containsEntry("error", "bad_verification_code").containsKey("error_description")
			.doesNotContainKey("access_token");
		HttpResponse<String> form = tokenRequest(github, "made-up", CALLBACK, null, CLIENT_ID, SECRET, null);
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(formFields(form.body())).containsEntry("error", "bad_verification_code");
		assertThat(github.refusals()).hasSize(2);
	}

	@Test
	void githubUserWhenSignedInThenPublicProfileWithNumericIdAndNoEmail() throws Exception {
		String accessToken = signIn(github, "read:user user:email", null).accessToken();
		HttpResponse<String> user = bearer(github.userInfoUri(), accessToken);
		assertThat(github.userInfoUri()).isEqualTo(github.baseUri() + "/api/user");
		assertThat(user.statusCode()).isEqualTo(200);
		Map<String, Object> body = json(user);
		assertThat(body).containsEntry("login", "ada-lovelace").containsEntry("name", "Ada Lovelace")
			.containsEntry("email", null).containsKey("avatar_url");
		assertThat(body.get("id")).isInstanceOf(Number.class);
		assertThat(((Number) body.get("id")).longValue()).isEqualTo(
				Long.parseLong(Flavour.GITHUB.person(FakePerson.READY_MADE.get(0)).id()));
		github.publicEmail(true);
		assertThat(json(bearer(github.userInfoUri(), accessToken))).containsEntry("email", "ada@example.com");
		HttpResponse<String> tokenScheme = send(HttpRequest.newBuilder(URI.create(github.userInfoUri()))
			.header("Authorization", "token " + accessToken)
			.build());
		assertThat(tokenScheme.statusCode()).isEqualTo(200);
		HttpResponse<String> bad = bearer(github.userInfoUri(), "gho_made_up");
		assertThat(bad.statusCode()).isEqualTo(401);
		assertThat(json(bad)).containsEntry("message", "Bad credentials");
	}

	@Test
	void githubEmailsWhenScopeHasUserEmailThenPrimaryVerifiedAmongOthers() throws Exception {
		github.nextPerson(FakePerson.READY_MADE.get(4));
		String accessToken = signIn(github, "read:user,user:email", null).accessToken();
		HttpResponse<String> emails = bearer(github.baseUri() + "/api/user/emails", accessToken);
		assertThat(emails.statusCode()).isEqualTo(200);
		List<Map<String, Object>> list = jsonList(emails);
		assertThat(list).hasSize(2).allSatisfy((email) -> assertThat(email).containsOnlyKeys("email", "primary",
				"verified", "visibility"));
		assertThat(list.get(0)).containsEntry("primary", false).containsEntry("verified", false);
		assertThat((String) list.get(0).get("email")).startsWith("other-").endsWith("@example.net");
		assertThat(list.get(1)).containsEntry("email", "edsger@example.com").containsEntry("primary", true)
			.containsEntry("verified", false).containsEntry("visibility", "private");
		assertThat(github.calls(FakeOAuth2Provider.EMAILS)).isEqualTo(1);
	}

	@Test
	void githubEmailsWhenScopeLacksUserEmailThenNotFound() throws Exception {
		String accessToken = signIn(github, "read:user", null).accessToken();
		HttpResponse<String> emails = bearer(github.baseUri() + "/api/user/emails", accessToken);
		assertThat(emails.statusCode()).isEqualTo(404);
		assertThat(json(emails)).containsEntry("message", "Not Found");
		assertThat(bearer(github.userInfoUri(), accessToken).statusCode()).isEqualTo(200);
	}

	@Test
	void githubApiWhenNoUserAgentThenForbidden() throws Exception {
		String accessToken = signIn(github, "read:user", null).accessToken();
		String answer = rawGet(github.baseUri(), "/api/user", "Authorization: Bearer " + accessToken);
		assertThat(answer).startsWith("HTTP/1.1 403");
		assertThat(github.refusals()).singleElement().asString().contains("User-Agent");
	}

	@Test
	void githubDenyNextThenAccessDeniedWithDescriptionAndState() throws Exception {
		github.denyNext();
		Map<String, String> callback = callbackParameters(location(get(authorizeUri(github,
				params(github, "xyz", null, null)))));
		assertThat(callback).containsEntry("error", "access_denied")
			.containsEntry("error_description", "The user has denied your application access.")
			.containsEntry("state", "xyz")
			.containsKey("error_uri")
			.doesNotContainKey("code");
	}

	// ---------------------------------------------------------------- X over OAuth 2.0

	@Test
	void xAuthorizeWhenChallengeMissingOrPlainOrStateMissingThenRefused() throws Exception {
		Map<String, String> noChallenge = params(x, "s", null, null);
		Map<String, String> plain = params(x, "s", newVerifier(), null);
		plain.put("code_challenge_method", "plain");
		Map<String, String> noState = params(x, "s", challengeOf(newVerifier()), null);
		noState.remove("state");
		for (Map<String, String> params : List.of(noChallenge, plain, noState)) {
			HttpResponse<String> page = get(authorizeUri(x, params));
			assertThat(page.statusCode()).isEqualTo(400);
			assertThat(page.headers().firstValue("Location")).isEmpty();
		}
		assertThat(x.refusals()).hasSize(3);
		assertThat(x.authorizationUri()).isEqualTo(x.baseUri() + "/i/oauth2/authorize");
		assertThat(x.tokenUri()).isEqualTo(x.baseUri() + "/2/oauth2/token");
	}

	@Test
	void xTokenWhenSecretInTheBodyThenRefusedAndBasicAccepted() throws Exception {
		String verifier = newVerifier();
		String code = approve(x, params(x, "s", challengeOf(verifier), null)).get("code");
		Map<String, String> form = tokenForm(code, CALLBACK, verifier);
		form.put("client_id", CLIENT_ID);
		form.put("client_secret", SECRET);
		HttpResponse<String> inBody = post(x.tokenUri(), form, null, null);
		assertThat(inBody.statusCode()).isEqualTo(401);
		assertThat(json(inBody)).containsEntry("error", "unauthorized_client");
		HttpResponse<String> basic = tokenRequest(x, code, CALLBACK, verifier);
		assertThat(basic.statusCode()).isEqualTo(200);
		assertThat(json(basic)).containsOnlyKeys("token_type", "expires_in", "access_token", "scope")
			.containsEntry("token_type", "bearer")
			.containsEntry("expires_in", 7200)
			.containsEntry("scope", "users.read tweet.read");
	}

	@Test
	void xTokenWhenVerifierMissingThenInvalidRequest() throws Exception {
		String code = approve(x, params(x, "s", challengeOf(newVerifier()), null)).get("code");
		HttpResponse<String> token = tokenRequest(x, code, CALLBACK, null);
		assertThat(token.statusCode()).isEqualTo(400);
		assertThat(json(token)).containsEntry("error", "invalid_request").containsKey("error_description");
	}

	@Test
	void xUsersMeWhenSignedInThenDataWithPictureOnlyWhenAsked() throws Exception {
		String accessToken = signIn(x, "users.read tweet.read", null).accessToken();
		assertThat(x.userInfoUri()).isEqualTo(x.baseUri() + "/2/users/me?user.fields=profile_image_url");
		Map<String, Object> withPicture = json(bearer(x.userInfoUri(), accessToken));
		FakePerson ada = FakePerson.READY_MADE.get(0);
		assertThat(withPicture).containsOnlyKeys("data");
		assertThat(withPicture.get("data")).isEqualTo(Map.of("id", FakeTwitter.twitterIdFor(ada.screenName()),
				"name", ada.name(), "username", ada.screenName(), "profile_image_url",
				x.baseUri() + "/static/silhouette.svg"));
		Map<String, Object> plain = json(bearer(x.baseUri() + "/2/users/me", accessToken));
		assertThat(plain.get("data")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("id", "name", "username");
		HttpResponse<String> unknown = bearer(x.userInfoUri(), "made-up");
		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(json(unknown)).containsEntry("title", "Unauthorized").containsEntry("type", "about:blank")
			.containsEntry("status", 401).containsEntry("detail", "Unauthorized");
		x.advanceClock(Duration.ofHours(2).plusSeconds(1));
		assertThat(bearer(x.userInfoUri(), accessToken).statusCode()).isEqualTo(401);
	}

	@Test
	void xUsersMeWhenScopeLacksTweetReadThenForbidden() throws Exception {
		String accessToken = signIn(x, "users.read", null).accessToken();
		HttpResponse<String> me = bearer(x.userInfoUri(), accessToken);
		assertThat(me.statusCode()).isEqualTo(403);
		assertThat(json(me)).containsEntry("status", 403);
	}

	// ---------------------------------------------------------------- Facebook, started directly

	@Test
	void facebookFlavourWhenStartedDirectlyThenFacebookPathsAndEndpointNames() throws Exception {
		try (FakeOAuth2Provider facebook = FakeOAuth2Provider.start(Flavour.FACEBOOK, CLIENT_ID, SECRET)) {
			facebook.allowRedirectUri(CALLBACK);
			assertThat(facebook.authorizationUri()).isEqualTo(facebook.baseUri() + "/v25.0/dialog/oauth");
			assertThat(facebook.userInfoUri()).isEqualTo(facebook.baseUri() + "/v25.0/me?fields=id,name,email,picture");
			String location = location(get(authorizeUri(facebook, params(facebook, "s", null, null))));
			assertThat(location).startsWith(CALLBACK + "?code=").endsWith("&state=s#_=_");
			assertThat(facebook.calls()).containsOnlyKeys("dialog");
		}
	}

	// ---------------------------------------------------------------- consent pages

	@Test
	void consentPageWhenRenderedThenFlavourWordingEscapedAndAccessible() throws Exception {
		oidcSandbox.providerName("Acme <ID>");
		oidcSandbox.appName("My <App>");
		HttpResponse<String> page = get(authorizeUri(oidcSandbox, params(oidcSandbox, "s", null, "n")) + "&person=3");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
			.startsWith("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'");
		String html = page.body();
		assertThat(html).contains("<html lang=\"en\">")
			.contains("<title>Sign in to Acme &lt;ID&gt;</title>")
			.contains("<strong>My &lt;App&gt;</strong>")
			.contains("value=\"Zoë &lt;b&gt;O&#39;Brien&lt;/b&gt; 🚀\"")
			.contains("<label for=\"name\">", "<label for=\"email\">", "<label for=\"verified\">")
			.contains("id=\"verified\" name=\"verified\" value=\"yes\" checked")
			.contains("&amp;nonce=n&amp;person=1")
			.doesNotContain("<b>O'Brien</b>", "My <App>")
			.doesNotContainIgnoringCase("<script");
		for (int i = 0; i < FakePerson.READY_MADE.size(); i++) {
			assertThat(html).contains("id=\"person-" + i + "\"");
		}
		assertThat(get(authorizeUri(githubSandbox, params(githubSandbox, "s", null, null))).body())
			.contains("<title>Authorize App " + CLIENT_ID + "</title>").contains("<header>GitHub</header>");
		String xPage = get(authorizeUri(xSandbox, params(xSandbox, "s", challengeOf(newVerifier()), null))).body();
		assertThat(xPage).contains("<title>Authorize App " + CLIENT_ID + " to access your X account</title>")
			.doesNotContain("name=\"email\"").contains("@ada_lovelace");
	}

	@Test
	void consentWhenContinueWithEditedPersonThenTokensForThatPerson() throws Exception {
		String verifier = newVerifier();
		HttpResponse<String> page = get(authorizeUri(oidcSandbox, params(oidcSandbox, "st&ate", challengeOf(verifier),
				"the-nonce")));
		Map<String, String> form = consentForm(page, "0", "Zoë <b>O'Brien</b> 🚀", "zoe@example.org", "continue");
		HttpResponse<String> answer = post(oidcSandbox.baseUri() + "/consent", form, null, null);
		Map<String, String> callback = callbackParameters(location(answer));
		assertThat(callback).containsEntry("state", "st&ate");
		Map<String, Object> token = json(tokenRequest(oidcSandbox, callback.get("code"), CALLBACK, verifier));
		Jwt jwt = Jwt.parse((String) token.get("id_token"));
		assertThat(verifiesWithJwks(oidcSandbox, jwt)).isTrue();
		assertThat(jwt.claims()).containsEntry("name", "Zoë <b>O'Brien</b> 🚀")
			.containsEntry("sub", Flavour.OIDC.derivedId("Zoë <b>O'Brien</b> 🚀"))
			.containsEntry("email", "zoe@example.org")
			.containsEntry("email_verified", false)
			.containsEntry("nonce", "the-nonce");
		assertThat(post(oidcSandbox.baseUri() + "/consent", form, null, null).statusCode()).isEqualTo(400);
	}

	@Test
	void consentWhenGitHubPersonUnchangedThenReadyMadeLoginAndEditedEmail() throws Exception {
		HttpResponse<String> page = get(authorizeUri(githubSandbox, params(githubSandbox, "s", null, null))
				+ "&person=1");
		Map<String, String> form = consentForm(page, "1", "Grace Hopper", "grace.new@example.org", "continue");
		form.put("verified", "yes");
		Map<String, String> callback = callbackParameters(location(post(githubSandbox.baseUri()
				+ "/login/oauth/consent", form, null, null)));
		String accessToken = formFields(tokenRequest(githubSandbox, callback.get("code"), CALLBACK, null, CLIENT_ID,
				SECRET, null).body()).get("access_token");
		assertThat(json(bearer(githubSandbox.userInfoUri(), accessToken))).containsEntry("login", "grace-hopper");
		assertThat(jsonList(bearer(githubSandbox.baseUri() + "/api/user/emails", accessToken)).get(1))
			.containsEntry("email", "grace.new@example.org").containsEntry("verified", true);
	}

	@Test
	void consentWhenCancelThenAccessDeniedWithState() throws Exception {
		HttpResponse<String> page = get(authorizeUri(xSandbox, params(xSandbox, "the state",
				challengeOf(newVerifier()), null)));
		Map<String, String> form = consentForm(page, "0", "Ada Lovelace", "", "cancel");
		String location = location(post(xSandbox.baseUri() + "/i/oauth2/consent", form, null, null));
		assertThat(location).isEqualTo(CALLBACK + "?error=access_denied&state=the%20state");
		assertThat(post(xSandbox.baseUri() + "/i/oauth2/consent", form, null, null).statusCode()).isEqualTo(400);
	}

	// ---------------------------------------------------------------- FakePerson

	@Test
	void fakePersonWhenFiveArgumentsThenEmailVerified() {
		FakePerson person = new FakePerson("1", "A", "a", "a@example.com", null);
		assertThat(person.emailVerified()).isTrue();
		assertThat(person.withEmailVerified(false).emailVerified()).isFalse();
		assertThat(person.withEmailVerified(false).withId("2")).isEqualTo(
				new FakePerson("2", "A", "a", "a@example.com", null, false));
		assertThat(FakePerson.READY_MADE.get(FakePerson.READY_MADE.size() - 1).emailVerified()).isFalse();
	}

	// ---------------------------------------------------------------- refresh tokens and revocation

	@Test
	void refreshWhenOidcAskedOfflineThenARefreshTokenGivesNewAccessTokensAndStays() throws Exception {
		SignIn offline = signIn(oidc, "openid profile", null, Map.of("access_type", "offline"));
		String refreshToken = (String) offline.tokenBody().get("refresh_token");
		assertThat(refreshToken).isNotBlank();
		assertThat(signIn(oidc, "openid profile", null, Map.of()).tokenBody()).as("online: no refresh token")
			.doesNotContainKey("refresh_token");

		HttpResponse<String> refreshed = post(oidc.tokenUri(),
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), basic(CLIENT_ID, SECRET), null);

		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		Map<String, Object> body = json(refreshed);
		assertThat(body).doesNotContainKey("refresh_token").containsEntry("scope", "openid profile");
		String accessToken = (String) body.get("access_token");
		assertThat(accessToken).isNotEqualTo(offline.accessToken());
		assertThat(bearer(oidc.issuer() + "/userinfo", accessToken).statusCode()).isEqualTo(200);
		assertThat(oidc.isActive(refreshToken)).as("Google keeps the refresh token").isTrue();
		assertThat(oidc.refusals()).isEmpty();
	}

	@Test
	void refreshWhenWrongSecretUnknownTokenOrWiderScopeThenRefused() throws Exception {
		String refreshToken = (String) signIn(oidc, "openid profile", null, Map.of("access_type", "offline"))
			.tokenBody()
			.get("refresh_token");
		assertThat(post(oidc.tokenUri(), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
				basic(CLIENT_ID, "wrong"), null).statusCode()).isEqualTo(401);
		HttpResponse<String> unknown = post(oidc.tokenUri(),
				Map.of("grant_type", "refresh_token", "refresh_token", "1//made-up"), basic(CLIENT_ID, SECRET), null);
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(json(unknown)).containsEntry("error", "invalid_grant");
		assertThat(json(post(oidc.tokenUri(), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
				"scope", "openid email"), basic(CLIENT_ID, SECRET), null))).containsEntry("error", "invalid_scope");
		assertThat(oidc.refusals()).hasSize(3);
	}

	@Test
	void authorizeWhenAccessTypeIsNeitherOnlineNorOfflineThenRefused() throws Exception {
		Map<String, String> params = params(oidc, "s", challengeOf(newVerifier()), null);
		params.put("access_type", "forever");
		assertThat(get(authorizeUri(oidc, params)).statusCode()).isEqualTo(400);
		assertThat(oidc.refusals()).singleElement().asString().contains("access_type");
	}

	@Test
	void refreshWhenXOfflineAccessThenEachRefreshReplacesTheRefreshToken() throws Exception {
		String first = (String) signIn(x, "users.read tweet.read offline.access", null, Map.of())
			.tokenBody()
			.get("refresh_token");
		Map<String, Object> refreshed = json(post(x.tokenUri(),
				Map.of("grant_type", "refresh_token", "refresh_token", first), basic(CLIENT_ID, SECRET), null));
		String second = (String) refreshed.get("refresh_token");
		assertThat(second).isNotBlank().isNotEqualTo(first);
		assertThat(x.isActive(first)).isFalse();
		assertThat(post(x.tokenUri(), Map.of("grant_type", "refresh_token", "refresh_token", first),
				basic(CLIENT_ID, SECRET), null).statusCode()).as("the replaced one").isEqualTo(400);
		assertThat(bearer(x.userInfoUri(), (String) refreshed.get("access_token")).statusCode()).isEqualTo(200);
	}

	@Test
	void revokeWhenOidcThenTheGrantsTokensStopWorkingAndUnknownTokensOrWrongSecretsAreRefused() throws Exception {
		SignIn offline = signIn(oidc, "openid profile", null, Map.of("access_type", "offline"));
		String refreshToken = (String) offline.tokenBody().get("refresh_token");
		String revocation = (String) json(get(oidc.issuer() + "/.well-known/openid-configuration"))
			.get("revocation_endpoint");
		assertThat(revocation).isEqualTo(oidc.issuer() + "/revoke");
		assertThat(post(revocation, Map.of("token", refreshToken), basic(CLIENT_ID, "wrong"), null).statusCode())
			.isEqualTo(401);
		assertThat(oidc.isActive(refreshToken)).isTrue();

		assertThat(post(revocation, Map.of("token", refreshToken, "token_type_hint", "refresh_token"),
				basic(CLIENT_ID, SECRET), null).statusCode()).isEqualTo(200);

		assertThat(oidc.isActive(refreshToken)).isFalse();
		assertThat(bearer(oidc.issuer() + "/userinfo", offline.accessToken()).statusCode()).isEqualTo(401);
		HttpResponse<String> again = post(revocation, Map.of("token", refreshToken), null, null);
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(json(again)).containsEntry("error", "invalid_token");
		assertThat(post(revocation, Map.of(), null, null).statusCode()).isEqualTo(400);
	}

	@Test
	void revokeWhenXThenHttpBasicIsRequired() throws Exception {
		SignIn signIn = signIn(x, "users.read tweet.read", null, Map.of());
		String revocation = x.baseUri() + "/2/oauth2/revoke";
		assertThat(post(revocation, Map.of("token", signIn.accessToken(), "client_id", CLIENT_ID), null, null)
			.statusCode()).isEqualTo(401);
		assertThat(post(revocation, Map.of("token", signIn.accessToken()), basic(CLIENT_ID, SECRET), null)
			.statusCode()).isEqualTo(200);
		assertThat(bearer(x.userInfoUri(), signIn.accessToken()).statusCode()).isEqualTo(401);
	}

	@Test
	void deleteGrantWhenGitHubThenEveryTokenOfThePersonRevokedAndWrongCredentialsOrTokensRefused()
			throws Exception {
		String token = signIn(github, "read:user", null, Map.of()).accessToken();
		String grant = github.baseUri() + "/api/applications/" + CLIENT_ID + "/grant";
		String body = "{\"access_token\":\"" + token + "\"}";
		assertThat(deleteJson(grant, body, basic(CLIENT_ID, "wrong")).statusCode()).isEqualTo(404);
		assertThat(deleteJson(grant, "{\"access_token\":\"gho_unknown\"}", basic(CLIENT_ID, SECRET)).statusCode())
			.isEqualTo(404);
		assertThat(deleteJson(grant, "{}", basic(CLIENT_ID, SECRET)).statusCode()).isEqualTo(422);
		assertThat(github.isActive(token)).isTrue();

		assertThat(deleteJson(grant, body, basic(CLIENT_ID, SECRET)).statusCode()).isEqualTo(204);

		assertThat(github.isActive(token)).isFalse();
		assertThat(bearer(github.userInfoUri(), token).statusCode()).isEqualTo(401);
		assertThat(deleteJson(grant, body, basic(CLIENT_ID, SECRET)).statusCode()).as("revoked already")
			.isEqualTo(404);
	}

	@Test
	void repositoriesWhenGitHubTokenValidThenListedAndOtherwiseRefused() throws Exception {
		String token = signIn(github, "read:user", null, Map.of()).accessToken();
		HttpResponse<String> repositories = bearer(github.baseUri() + "/api/user/repos", token);
		assertThat(repositories.statusCode()).isEqualTo(200);
		assertThat(jsonList(repositories)).extracting((repository) -> repository.get("name"))
			.contains("hello-world");
		assertThat(bearer(github.baseUri() + "/api/user/repos", "gho_unknown").statusCode()).isEqualTo(401);
	}

	// ---------------------------------------------------------------- the client side of the test

	/** A whole sign-in with PKCE (and a nonce, when given): the token answer's fields. */
	private static SignIn signIn(FakeOAuth2Provider provider, String scope, String nonce)
			throws IOException, InterruptedException {
		return signIn(provider, scope, nonce, Map.of());
	}

	/** {@link #signIn(FakeOAuth2Provider, String, String)} with more authorization request parameters. */
	private static SignIn signIn(FakeOAuth2Provider provider, String scope, String nonce, Map<String, String> more)
			throws IOException, InterruptedException {
		String verifier = newVerifier();
		Map<String, String> params = params(provider, "s", challengeOf(verifier), nonce);
		params.put("scope", scope);
		params.putAll(more);
		String code = approve(provider, params).get("code");
		HttpResponse<String> token = tokenRequest(provider, code, CALLBACK, verifier, CLIENT_ID, SECRET,
				"application/json");
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		Map<String, Object> body = json(token);
		assertThat(body).as(token.body()).doesNotContainKey("error");
		return new SignIn((String) body.get("access_token"), (String) body.get("id_token"), body);
	}

	private static Map<String, String> params(FakeOAuth2Provider provider, String state, String challenge,
			String nonce) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("client_id", CLIENT_ID);
		params.put("redirect_uri", CALLBACK);
		params.put("response_type", "code");
		params.put("scope", switch (provider.flavour()) {
			case OIDC -> "openid profile email";
			case GITHUB -> "read:user user:email";
			case X -> "users.read tweet.read";
			case FACEBOOK -> "public_profile email";
		});
		if (state != null) {
			params.put("state", state);
		}
		if (challenge != null) {
			params.put("code_challenge", challenge);
			params.put("code_challenge_method", "S256");
		}
		if (nonce != null) {
			params.put("nonce", nonce);
		}
		return params;
	}

	private static String authorizeUri(FakeOAuth2Provider provider, Map<String, String> params) {
		return provider.authorizationUri() + "?" + formBody(params);
	}

	private static Map<String, String> approve(FakeOAuth2Provider provider, Map<String, String> params)
			throws IOException, InterruptedException {
		return callbackParameters(location(get(authorizeUri(provider, params))));
	}

	private static Map<String, String> tokenForm(String code, String redirectUri, String verifier) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		if (redirectUri != null) {
			form.put("redirect_uri", redirectUri);
		}
		if (verifier != null) {
			form.put("code_verifier", verifier);
		}
		return form;
	}

	/** A token request as each flavour's client sends it: Basic for OIDC and X, the body for GitHub. */
	private static HttpResponse<String> tokenRequest(FakeOAuth2Provider provider, String code, String redirectUri,
			String verifier) throws IOException, InterruptedException {
		return tokenRequest(provider, code, redirectUri, verifier, CLIENT_ID, SECRET, null);
	}

	private static HttpResponse<String> tokenRequest(FakeOAuth2Provider provider, String code, String redirectUri,
			String verifier, String clientId, String secret, String accept) throws IOException, InterruptedException {
		Map<String, String> form = tokenForm(code, redirectUri, verifier);
		if (provider.flavour() == Flavour.GITHUB) {
			form.put("client_id", clientId);
			form.put("client_secret", secret);
			return post(provider.tokenUri(), form, null, accept);
		}
		return post(provider.tokenUri(), form, basic(clientId, secret), accept);
	}

	private static String basic(String clientId, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((enc(clientId) + ":" + enc(secret))
			.getBytes(StandardCharsets.UTF_8));
	}

	private static HttpResponse<String> post(String uri, Map<String, String> form, String authorization,
			String accept) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formBody(form)));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		return send(request.build());
	}

	private static HttpResponse<String> deleteJson(String uri, String json, String authorization)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(uri))
			.header("Content-Type", "application/json")
			.header("Authorization", authorization)
			.method("DELETE", HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private static HttpResponse<String> bearer(String uri, String accessToken)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + accessToken).build());
	}

	private static HttpResponse<String> get(String uri) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(uri)).GET().build());
	}

	private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** A GET written by hand, for what the JDK's client always adds (a User-Agent). */
	private static String rawGet(URI base, String path, String header) throws IOException {
		try (Socket socket = new Socket(base.getHost(), base.getPort())) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\n" + header
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static Map<String, Object> discovery(FakeOAuth2Provider provider) throws IOException, InterruptedException {
		return json(get(provider.issuer() + "/.well-known/openid-configuration"));
	}

	private static List<Map<String, Object>> jwks(FakeOAuth2Provider provider)
			throws IOException, InterruptedException {
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> keys = (List<Map<String, Object>>) json(get(provider.jwkSetUri())).get("keys");
		return keys;
	}

	private static String location(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static Map<String, String> callbackParameters(String location) {
		assertThat(location).startsWith(CALLBACK).doesNotContain("#");
		return formFields(location.substring(location.indexOf('?') + 1));
	}

	private static Map<String, String> formFields(String text) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : text.split("&")) {
			int equals = pair.indexOf('=');
			fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return fields;
	}

	private static Map<String, String> consentForm(HttpResponse<String> page, String person, String name,
			String email, String choice) {
		Matcher dialog = Pattern.compile("type=\"hidden\" name=\"dialog\" value=\"([^\"]*)\"").matcher(page.body());
		assertThat(dialog.find()).as(page.body()).isTrue();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("dialog", dialog.group(1));
		form.put("person", person);
		form.put("name", name);
		form.put("email", email);
		form.put("choice", choice);
		return form;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(HttpResponse<String> response) {
		return JSON.readValue(response.body(), Map.class);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> jsonList(HttpResponse<String> response) {
		return JSON.readValue(response.body(), List.class);
	}

	private static String formBody(Map<String, String> form) {
		List<String> pairs = new ArrayList<>();
		form.forEach((name, value) -> pairs.add(enc(name) + "=" + enc(value)));
		return String.join("&", pairs);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---------------------------------------------------------------- the test's own JWT code

	/** What an honest ID token from {@link #oidc} must be. */
	private static void assertHonest(Jwt jwt, String nonce) throws IOException, InterruptedException {
		assertThat(jwt.header()).containsEntry("alg", "RS256");
		assertThat(verifiesWithJwks(oidc, jwt)).isTrue();
		assertThat(jwt.claims()).containsEntry("iss", oidc.issuer()).containsEntry("aud", CLIENT_ID)
			.containsEntry("nonce", nonce).doesNotContainKey("azp");
		assertThat(number(jwt, "exp") - number(jwt, "iat")).isEqualTo(3600);
	}

	private static long number(Jwt jwt, String claim) {
		return ((Number) jwt.claims().get(claim)).longValue();
	}

	/** RS256 with the JWKS key the token's {@code kid} names; false when there is none. */
	private static boolean verifiesWithJwks(FakeOAuth2Provider provider, Jwt jwt)
			throws IOException, InterruptedException {
		for (Map<String, Object> key : jwks(provider)) {
			if (key.get("kid").equals(jwt.header().get("kid"))) {
				return verifies(key, jwt);
			}
		}
		return false;
	}

	/** With any JWKS key, whatever the {@code kid} says. */
	private static boolean verifiesWithAnyJwksKey(FakeOAuth2Provider provider, Jwt jwt)
			throws IOException, InterruptedException {
		for (Map<String, Object> key : jwks(provider)) {
			if (verifies(key, jwt)) {
				return true;
			}
		}
		return false;
	}

	/** The signature under the JWK, by the token's {@code alg} (RS256, PS256, ES256, EdDSA), with java.security alone. */
	private static boolean verifies(Map<String, Object> jwk, Jwt jwt) {
		try {
			Base64.Decoder decoder = Base64.getUrlDecoder();
			String algorithm = (String) jwt.header().get("alg");
			PublicKey key;
			Signature signature;
			switch ((String) jwk.get("kty")) {
				case "RSA" -> {
					key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
							new BigInteger(1, decoder.decode((String) jwk.get("n"))),
							new BigInteger(1, decoder.decode((String) jwk.get("e")))));
					if ("PS256".equals(algorithm)) {
						signature = Signature.getInstance("RSASSA-PSS");
						signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
					}
					else {
						signature = Signature.getInstance("SHA256withRSA");
					}
				}
				case "EC" -> {
					AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
					parameters.init(new ECGenParameterSpec("secp256r1"));
					key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
							new ECPoint(new BigInteger(1, decoder.decode((String) jwk.get("x"))),
									new BigInteger(1, decoder.decode((String) jwk.get("y")))),
							parameters.getParameterSpec(ECParameterSpec.class)));
					signature = Signature.getInstance("SHA256withECDSAinP1363Format");
				}
				default -> {
					byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
					byte[] x = decoder.decode((String) jwk.get("x"));
					byte[] encoded = Arrays.copyOf(prefix, prefix.length + x.length);
					System.arraycopy(x, 0, encoded, prefix.length, x.length);
					key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
					signature = Signature.getInstance("Ed25519");
				}
			}
			if (!algorithm.equals(jwk.get("alg"))) {
				return false;
			}
			signature.initVerify(key);
			signature.update(jwt.signingInput().getBytes(StandardCharsets.US_ASCII));
			return signature.verify(decoder.decode(jwt.signature()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hmac(String secret, String input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getUrlEncoder().withoutPadding()
				.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record SignIn(String accessToken, String idToken, Map<String, Object> tokenBody) {
	}

	/** A compact JWS, decoded but not trusted. */
	private record Jwt(Map<String, Object> header, Map<String, Object> claims, String signingInput,
			String signature) {

		@SuppressWarnings("unchecked")
		static Jwt parse(String compact) {
			assertThat(compact).isNotNull();
			String[] parts = compact.split("\\.", -1);
			assertThat(parts).hasSize(3);
			Base64.Decoder decoder = Base64.getUrlDecoder();
			return new Jwt(JSON.readValue(decoder.decode(parts[0]), Map.class),
					JSON.readValue(decoder.decode(parts[1]), Map.class), parts[0] + "." + parts[1], parts[2]);
		}

	}

}
