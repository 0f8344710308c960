package io.github.oauthsignin.fake.oauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer;
import io.github.oauthsignin.fake.FakeServer.Request;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.oauth2.Grants.IssuedCode;
import io.github.oauthsignin.fake.oauth2.Grants.IssuedToken;
import io.github.oauthsignin.fake.oauth2.Grants.TokenState;
import tools.jackson.databind.json.JsonMapper;

/**
 * A generic OpenID Connect issuer, as Google or Keycloak: discovery, JWKS, ID tokens signed with RS256 (or PS256,
 * ES256, EdDSA: {@link FakeOAuth2Provider#signIdTokensWith(String)}), UserInfo and RFC 6749 JSON errors, and RFC 9207's
 * {@code iss} on every redirect back to the app, which its discovery document advertises
 * ({@code authorization_response_iss_parameter_supported}). The profile claims ({@code name},
 * {@code preferred_username}, {@code picture}) come with the scope
 * {@code profile} and the email claims ({@code email}, {@code email_verified}) with {@code email}, in the ID token
 * and from UserInfo alike; UserInfo needs a token whose scope had {@code openid}. As Google: a refresh token only for
 * {@code access_type=offline}, the same one for every refresh, and RFC 7009 revocation at {@code /revoke} (named in
 * discovery), where revoking either token of a grant revokes both and an unknown token is refused.
 */
final class OidcDialect extends Dialect {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	OidcDialect(FakeOAuth2Provider provider) {
		super(provider);
	}

	private String issuer() {
		return this.provider.baseUri() + this.provider.issuerPath();
	}

	@Override
	String callbackIssuer() {
		return issuer();
	}

	@Override
	String authorizePath() {
		return this.provider.issuerPath() + "/authorize";
	}

	@Override
	String consentPath() {
		return this.provider.issuerPath() + "/consent";
	}

	@Override
	String tokenPath() {
		return this.provider.issuerPath() + "/token";
	}

	@Override
	String userInfoUri() {
		return issuer() + "/userinfo";
	}

	@Override
	List<Route> routes() {
		String path = this.provider.issuerPath();
		return List.of(new Route(FakeOAuth2Provider.USER_INFO, path + "/userinfo", this::userInfo),
				new Route(FakeOAuth2Provider.REVOKE, path + "/revoke", this.provider::revoke),
				new Route(FakeOAuth2Provider.DISCOVERY, path + "/.well-known/openid-configuration", this::discovery),
				new Route(FakeOAuth2Provider.JWKS, path + "/jwks", this::jwks));
	}

	@Override
	Set<String> knownScopes() {
		return Set.of("openid", "profile", "email");
	}

	@Override
	boolean knowsAccessType() {
		return true;
	}

	/** Google's way: a refresh token only for {@code access_type=offline}, kept across refreshes. */
	@Override
	boolean issuesRefreshToken(Grants.Grant grant) {
		return grant.offline();
	}

	@Override
	String newRefreshToken() {
		return "1//" + Digests.randomToken(64);
	}

	@Override
	Duration accessTokenLifetime() {
		return TOKEN_LIFETIME;
	}

	@Override
	String newAccessToken() {
		return "ya29." + Digests.randomToken(48);
	}

	@Override
	Response tokenAnswer(Request request, IssuedToken token, String idToken) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("token_type", "Bearer");
		body.put("expires_in", TOKEN_LIFETIME.toSeconds());
		body.put("scope", String.join(" ", token.scopes()));
		if (token.newRefreshToken() != null) {
			body.put("refresh_token", token.newRefreshToken());
		}
		if (idToken != null) {
			body.put("id_token", idToken);
		}
		return new Response(200, "application/json; charset=UTF-8", Map.of("Cache-Control", "no-store", "Pragma",
				"no-cache"), JSON.writeValueAsString(body));
	}

	/** RFC 6749 §5.2: 401 for a client that failed to authenticate, 400 for the rest. */
	@Override
	Response tokenError(Request request, TokenProblem problem, String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", problem.error);
		body.put("error_description", problem.describe(detail));
		if (problem.clientProblem()) {
			return new Response(401, "application/json; charset=UTF-8",
					Map.of("WWW-Authenticate", "Basic realm=\"" + issuer() + "\""), JSON.writeValueAsString(body));
		}
		return Response.json((problem == TokenProblem.METHOD) ? 405 : 400, JSON.writeValueAsString(body));
	}

	/** The ID token for a code, broken as the pending attack says; signed by {@link IdTokens}. */
	String idToken(IssuedCode code, IdTokenAttack attack) {
		Instant now = this.provider.now();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", issuer());
		claims.put("sub", code.person().id());
		claims.put("aud", this.provider.clientId());
		claims.put("exp", now.plus(TOKEN_LIFETIME).getEpochSecond());
		claims.put("iat", now.getEpochSecond());
		claims.put("auth_time", code.authTime().getEpochSecond());
		if (code.grant().nonce() != null) {
			claims.put("nonce", code.grant().nonce());
		}
		claims.putAll(personClaims(code.person(), code.grant().scopes()));
		return this.provider.idTokens().mint(claims, attack, this.provider.clientId(), this.provider.clientSecret(),
				now);
	}

	private static Map<String, Object> personClaims(FakePerson person, Set<String> scopes) {
		Map<String, Object> claims = new LinkedHashMap<>();
		if (scopes.contains("profile")) {
			if (person.name() != null) {
				claims.put("name", person.name());
			}
			if (person.screenName() != null) {
				claims.put("preferred_username", person.screenName());
			}
			if (person.pictureUrl() != null) {
				claims.put("picture", person.pictureUrl());
			}
		}
		if (scopes.contains("email") && person.email() != null) {
			claims.put("email", person.email());
			claims.put("email_verified", person.emailVerified());
		}
		return claims;
	}

	// ---------------------------------------------------------------- endpoints

	private Response userInfo(Request request) {
		if (!"GET".equals(request.method()) && !"POST".equals(request.method())) {
			return bearerError(405, "invalid_request", "method " + request.method());
		}
		String authorization = request.header("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			this.provider.refuse("userinfo: no bearer token");
			return new Response(401, null, Map.of("WWW-Authenticate", "Bearer realm=\"" + issuer() + "\""), "");
		}
		IssuedToken token = this.provider.token(authorization.substring(7).strip());
		TokenState state = this.provider.check(token);
		if (state != TokenState.VALID) {
			return bearerError(401, "invalid_token", "the access token is " + state.name().toLowerCase(Locale.ROOT));
		}
		if (!token.scopes().contains("openid")) {
			return bearerError(403, "insufficient_scope", "UserInfo needs a token for the scope openid");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		String subject = this.provider.takeUserInfoSubject();
		body.put("sub", (subject != null) ? subject : token.person().id());
		body.putAll(personClaims(token.person(), token.scopes()));
		return Response.json(200, JSON.writeValueAsString(body));
	}

	/** RFC 6750 §3: the error in {@code WWW-Authenticate}, and as JSON for people reading logs. */
	private Response bearerError(int status, String error, String description) {
		this.provider.refuse("userinfo: " + error + ": " + description);
		String challenge = "Bearer realm=\"" + issuer() + "\", error=\"" + error + "\", error_description=\""
				+ description + "\"";
		return new Response(status, "application/json; charset=UTF-8", Map.of("WWW-Authenticate", challenge),
				JSON.writeValueAsString(Map.of("error", error, "error_description", description)));
	}

	private Response discovery(Request request) {
		if (!"GET".equals(request.method())) {
			this.provider.refuse("discovery: method " + request.method());
			return Response.json(405, "{\"error\":\"invalid_request\"}");
		}
		String issuer = issuer();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("issuer", issuer);
		body.put("authorization_endpoint", issuer + "/authorize");
		body.put("token_endpoint", issuer + "/token");
		body.put("userinfo_endpoint", issuer + "/userinfo");
		body.put("jwks_uri", issuer + "/jwks");
		body.put("revocation_endpoint", issuer + "/revoke");
		body.put("response_types_supported", List.of("code"));
		body.put("subject_types_supported", List.of("public"));
		body.put("id_token_signing_alg_values_supported", List.of(this.provider.idTokens().algorithm()));
		body.put("scopes_supported", List.of("openid", "profile", "email"));
		body.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
		body.put("grant_types_supported", List.of("authorization_code"));
		body.put("code_challenge_methods_supported", List.of("S256"));
		body.put("authorization_response_iss_parameter_supported", true);
		body.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "name",
				"preferred_username", "picture", "email", "email_verified"));
		return Response.json(200, JSON.writeValueAsString(body));
	}

	private Response jwks(Request request) {
		if (!"GET".equals(request.method())) {
			this.provider.refuse("jwks: method " + request.method());
			return Response.json(405, "{\"error\":\"invalid_request\"}");
		}
		return Response.json(200, this.provider.idTokens().jwks());
	}

	// ---------------------------------------------------------------- the consent page

	@Override
	ConsentPage.Look look(Set<String> scopes) {
		String provider = this.provider.providerName();
		return new ConsentPage.Look("Sign in to " + provider, provider, provider,
				"Sign in to continue to <strong>" + FakeServer.html(this.provider.appName()) + "</strong>. "
						+ FakeServer.html(provider) + " will share your name and profile picture"
						+ (scopes.contains("email") ? " and your email address." : "."),
				"#3730a3", "#3730a3", true, true);
	}

}
