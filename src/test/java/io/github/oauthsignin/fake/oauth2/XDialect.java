package io.github.oauthsignin.fake.oauth2;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer;
import io.github.oauthsignin.fake.FakeServer.Request;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.oauth2.Grants.IssuedToken;
import io.github.oauthsignin.fake.oauth2.Grants.TokenState;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * X over OAuth 2.0: PKCE with S256, a {@code state} and a scope on every authorization request; confidential
 * clients authenticate with HTTP Basic only (a {@code client_secret} in the body is refused); tokens live two hours;
 * {@code /2/users/me} needs the scopes {@code users.read} and {@code tweet.read} and gives
 * {@code profile_image_url} only when {@code user.fields} asks for it. Client authentication failures answer 401
 * {@code unauthorized_client}, as X does; other token errors 400 {@code invalid_request}. The scope
 * {@code offline.access} brings a refresh token, replaced at each refresh (the one used stops working); tokens are
 * revoked (RFC 7009) at {@code /2/oauth2/revoke}, with HTTP Basic as at the token endpoint.
 */
final class XDialect extends Dialect {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);

	/** The user fields the fake can answer; X knows more, which the fake refuses rather than leave out silently. */
	private static final Set<String> USER_FIELDS = Set.of("profile_image_url", "description", "protected",
			"verified");

	private static final String UNAUTHORIZED = "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,"
			+ "\"detail\":\"Unauthorized\"}";

	private static final String FORBIDDEN = "{\"title\":\"Forbidden\",\"type\":\"about:blank\",\"status\":403,"
			+ "\"detail\":\"Forbidden\"}";

	XDialect(FakeOAuth2Provider provider) {
		super(provider);
	}

	@Override
	String authorizePath() {
		return "/i/oauth2/authorize";
	}

	@Override
	String consentPath() {
		return "/i/oauth2/consent";
	}

	@Override
	String tokenPath() {
		return "/2/oauth2/token";
	}

	@Override
	String userInfoUri() {
		return this.provider.baseUri() + "/2/users/me?user.fields=profile_image_url";
	}

	@Override
	List<Route> routes() {
		return List.of(new Route(FakeOAuth2Provider.USER_INFO, "/2/users/me", this::me),
				new Route(FakeOAuth2Provider.REVOKE, "/2/oauth2/revoke", this.provider::revoke));
	}

	@Override
	Set<String> knownScopes() {
		return Set.of("users.read", "tweet.read", "offline.access");
	}

	@Override
	boolean requiresPkce() {
		return true;
	}

	@Override
	boolean requiresState() {
		return true;
	}

	@Override
	boolean requiresScope() {
		return true;
	}

	@Override
	boolean requiresBasicAuthentication() {
		return true;
	}

	/** A refresh token comes with the scope {@code offline.access}; each refresh replaces it. */
	@Override
	boolean issuesRefreshToken(Grants.Grant grant) {
		return grant.scopes().contains("offline.access");
	}

	@Override
	boolean rotatesRefreshTokens() {
		return true;
	}

	@Override
	Duration accessTokenLifetime() {
		return TOKEN_LIFETIME;
	}

	@Override
	String newAccessToken() {
		return Digests.randomToken(66);
	}

	@Override
	Response tokenAnswer(Request request, IssuedToken token, String idToken) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("token_type", "bearer");
		body.put("expires_in", TOKEN_LIFETIME.toSeconds());
		body.put("access_token", token.value());
		body.put("scope", String.join(" ", token.scopes()));
		if (token.newRefreshToken() != null) {
			body.put("refresh_token", token.newRefreshToken());
		}
		return Response.json(200, JSON.writeValueAsString(body));
	}

	@Override
	Response tokenError(Request request, TokenProblem problem, String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (problem.clientProblem()) {
			body.put("error", "unauthorized_client");
			body.put("error_description", "Missing valid authorization header");
			return Response.json(401, JSON.writeValueAsString(body));
		}
		body.put("error", "invalid_request");
		body.put("error_description", switch (problem) {
			case UNKNOWN_CODE, CODE_USED, CODE_EXPIRED -> "Value passed for the authorization code was invalid.";
			case BAD_VERIFIER, UNEXPECTED_VERIFIER -> "Value passed for the code verifier did not match.";
			case INVALID_REFRESH_TOKEN -> "Value passed for the token was invalid.";
			case INVALID_TOKEN -> "Value passed for the token was invalid.";
			default -> problem.describe(detail);
		});
		return Response.json(400, JSON.writeValueAsString(body));
	}

	// ---------------------------------------------------------------- /2/users/me

	private Response me(Request request) {
		if (!"GET".equals(request.method())) {
			this.provider.refuse("userinfo: method " + request.method());
			return Response.json(405, "{\"title\":\"Method Not Allowed\",\"type\":\"about:blank\",\"status\":405,"
					+ "\"detail\":\"Method Not Allowed\"}");
		}
		String authorization = request.header("Authorization");
		IssuedToken token = (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
				? this.provider.token(authorization.substring(7).strip()) : null;
		TokenState state = this.provider.check(token);
		if (state != TokenState.VALID) {
			this.provider.refuse("userinfo: access token " + ((authorization == null) ? "missing" : state));
			return Response.json(401, UNAUTHORIZED);
		}
		if (!token.scopes().containsAll(Set.of("users.read", "tweet.read"))) {
			this.provider.refuse("userinfo: the token lacks users.read or tweet.read: " + token.scopes());
			return Response.json(403, FORBIDDEN);
		}
		Set<String> fields = new LinkedHashSet<>();
		String asked = request.param("user.fields");
		if (asked != null) {
			for (String field : asked.split(",")) {
				if (!USER_FIELDS.contains(field)) {
					this.provider.refuse("userinfo: unknown user.fields value " + field);
					return Response.json(400, JSON.writeValueAsString(invalidField(field)));
				}
				fields.add(field);
			}
		}
		FakePerson person = token.person();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("id", person.id());
		data.put("name", person.name());
		data.put("username", person.screenName());
		for (String field : fields) {
			switch (field) {
				case "profile_image_url" -> data.put(field, (person.pictureUrl() != null) ? person.pictureUrl()
						: this.provider.baseUri() + FakeOAuth2Provider.PICTURE_PATH);
				case "description" -> data.put(field, "");
				case "protected", "verified" -> data.put(field, false);
				default -> throw new IllegalStateException("unexpected field " + field);
			}
		}
		return Response.json(200, JSON.writeValueAsString(Map.of("data", data)));
	}

	private static Map<String, Object> invalidField(String field) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("parameters", Map.of("user.fields", List.of(field)));
		error.put("message", "The `user.fields` query parameter value [" + field + "] is not one of "
				+ new TreeSet<>(USER_FIELDS));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("errors", List.of(error));
		body.put("title", "Invalid Request");
		body.put("detail", "One or more parameters to your request was invalid.");
		body.put("type", "https://api.twitter.com/2/problems/invalid-request");
		return body;
	}

	// ---------------------------------------------------------------- the consent page

	@Override
	ConsentPage.Look look(Set<String> scopes) {
		String app = this.provider.appName();
		return new ConsentPage.Look("Authorize " + app + " to access your X account", "X", "X",
				"Authorize <strong>" + FakeServer.html(app) + "</strong> to access your X account: it will see your "
						+ "name, username and profile picture"
						+ (scopes.contains("tweet.read") ? " and your posts." : "."),
				"#0f1419", "#0f1419", false, false);
	}

}
