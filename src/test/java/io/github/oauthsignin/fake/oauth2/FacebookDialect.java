package io.github.oauthsignin.fake.oauth2;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer;
import io.github.oauthsignin.fake.FakeServer.Request;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.oauth2.Grants.IssuedToken;
import io.github.oauthsignin.fake.oauth2.Grants.TokenState;
import tools.jackson.databind.json.JsonMapper;

/**
 * Facebook Login's manual flow and the Graph API's {@code /me}, with Facebook's own words: Graph error bodies
 * ({@code {"error":{"message","type","code","fbtrace_id"}}}, status 400), the {@code #_=_} fragment on callbacks,
 * its denial parameters, scopes separated by commas or spaces, a token endpoint that takes GET as well as POST.
 * Where it is stricter than Facebook, or has to choose:
 * <ul>
 * <li>{@code appsecret_proof} is required on every Graph call, as with the app setting "Require App Secret";</li>
 * <li>the email is shared only when the dialog asked for {@code email}, and only when it is verified (Facebook
 * returns no address it could not confirm);</li>
 * <li>{@code /me} knows only the fields {@code id}, {@code name}, {@code email} and {@code picture}; any other
 * field is refused rather than silently left out. As on Facebook, {@code id} is always part of the answer.</li>
 * </ul>
 */
final class FacebookDialect extends Dialect {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String VERSION = "/" + FakeOAuth2Provider.FACEBOOK_VERSION;

	private static final long TOKEN_LIFETIME_SECONDS = 5183944;

	private static final Set<String> KNOWN_FIELDS = Set.of("id", "name", "email", "picture");

	private static final String ME = "me";

	FacebookDialect(FakeOAuth2Provider provider) {
		super(provider);
	}

	@Override
	String authorizePath() {
		return VERSION + "/dialog/oauth";
	}

	@Override
	String consentPath() {
		return VERSION + "/dialog/consent";
	}

	@Override
	String tokenPath() {
		return VERSION + "/oauth/access_token";
	}

	@Override
	String userInfoUri() {
		return this.provider.baseUri() + VERSION + "/me?fields=id,name,email,picture";
	}

	@Override
	List<Route> routes() {
		return List.of(new Route(ME, VERSION + "/me", this::me));
	}

	@Override
	String authorizeEndpoint() {
		return "dialog";
	}

	@Override
	Set<String> knownScopes() {
		return Set.of("public_profile", "email");
	}

	@Override
	String scopeSeparators() {
		return "[,\\s]+";
	}

	@Override
	String denial() {
		return "error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied";
	}

	@Override
	String callbackFragment() {
		return "#_=_";
	}

	@Override
	String[] authorizeError(AuthorizeProblem problem, String detail) {
		String wrong = "Sorry, something went wrong.";
		return switch (problem) {
			case UNKNOWN_CLIENT -> new String[] { "Invalid App ID",
					"The provided app ID does not look like a valid app ID." };
			case REDIRECT_URI_NOT_ALLOWED -> new String[] { "URL blocked", "This redirect failed because the "
					+ "redirect URI is not whitelisted in the app's Client OAuth Settings. Make sure Client and Web "
					+ "OAuth Login are on and add all your app domains as Valid OAuth Redirect URIs." };
			case UNKNOWN_SCOPE -> new String[] { "Invalid Scopes: " + detail + ".", "This message is only shown to "
					+ "developers. Please read the documentation for valid permissions at: "
					+ "https://developers.facebook.com/docs/facebook-login/permissions" };
			case METHOD -> new String[] { wrong, "The OAuth dialog is a GET." };
			case DUPLICATE_PARAMETER -> new String[] { wrong, "The parameter " + detail + " is given more than once." };
			case RESPONSE_TYPE -> new String[] { wrong, "response_type must be code, not " + detail + "." };
			case METHOD_WITHOUT_CHALLENGE -> new String[] { wrong, "code_challenge_method needs a code_challenge." };
			case CHALLENGE_METHOD -> new String[] { wrong, "code_challenge_method must be S256." };
			case CHALLENGE_MALFORMED -> new String[] { wrong, "Invalid code_challenge." };
			case UNKNOWN_PERSON -> new String[] { wrong, "There is no such person to pick." };
			case MISSING_SCOPE, MISSING_STATE, CHALLENGE_MISSING, ACCESS_TYPE -> new String[] { wrong,
					problem.describe(detail) };
		};
	}

	@Override
	boolean tokenAllowsGet() {
		return true;
	}

	@Override
	boolean requiresGrantType() {
		return false;
	}

	@Override
	Duration accessTokenLifetime() {
		return Duration.ofSeconds(TOKEN_LIFETIME_SECONDS);
	}

	@Override
	String newAccessToken() {
		return "EAA" + Digests.randomAlphanumeric(150);
	}

	@Override
	Response tokenAnswer(Request request, IssuedToken token, String idToken) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("token_type", "bearer");
		body.put("expires_in", TOKEN_LIFETIME_SECONDS);
		return Response.json(200, JSON.writeValueAsString(body));
	}

	@Override
	Response tokenError(Request request, TokenProblem problem, String detail) {
		return switch (problem) {
			case METHOD -> graph(400, "Unsupported request - method type: " + detail.toLowerCase(Locale.ROOT),
					"GraphMethodException", 100);
			case DUPLICATE_PARAMETER -> graph(400, "Duplicate parameter: " + detail, "OAuthException", 100);
			case MALFORMED_BASIC, WRONG_SECRET, SECRET_IN_BODY -> graph(400, "Error validating client secret.",
					"OAuthException", 1);
			case AUTHENTICATED_TWICE -> graph(400, "Client credentials given both as HTTP Basic and in the body.",
					"OAuthException", 100);
			case MISSING_CLIENT_ID -> graph(400, "Missing client_id parameter.", "OAuthException", 101);
			case UNKNOWN_CLIENT -> graph(400, "Error validating application. Invalid application ID.",
					"OAuthException", 101);
			case UNSUPPORTED_GRANT_TYPE -> graph(400, "Unsupported grant_type: " + detail, "OAuthException", 100);
			case MISSING_REDIRECT_URI -> graph(400, "Missing redirect_uri parameter.", "OAuthException", 191);
			case MISSING_CODE -> graph(400, "Missing authorization code.", "OAuthException", 100);
			case UNKNOWN_CODE -> graph(400, "Invalid verification code format.", "OAuthException", 100);
			case CODE_USED -> graph(400, "This authorization code has been used.", "OAuthException", 100);
			case CODE_EXPIRED -> graph(400, "This authorization code has expired.", "OAuthException", 100);
			case REDIRECT_URI_MISMATCH -> graph(400, "Error validating verification code. Please make sure your "
					+ "redirect_uri is identical to the one you used in the OAuth dialog request", "OAuthException",
					100);
			case BAD_VERIFIER, UNEXPECTED_VERIFIER -> graph(400, "Invalid code verifier", "OAuthException", 100);
			case MISSING_GRANT_TYPE, PARAMETERS_IN_QUERY, MISSING_REFRESH_TOKEN, INVALID_REFRESH_TOKEN, SCOPE_WIDENED,
					MISSING_TOKEN, INVALID_TOKEN -> graph(400, problem.describe(detail), "OAuthException", 100);
		};
	}

	// ---------------------------------------------------------------- the Graph API

	private Response me(Request request) {
		if (!"GET".equals(request.method())) {
			return refusedGraph(400, "Unsupported request - method type: "
					+ request.method().toLowerCase(Locale.ROOT), "GraphMethodException", 100);
		}
		String authorization = request.header("Authorization");
		String fromHeader = null;
		if (authorization != null) {
			if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				return refusedGraph(400, "Invalid OAuth access token - Cannot parse access token.", "OAuthException",
						190);
			}
			fromHeader = authorization.substring(7).strip();
		}
		String fromQuery = request.param("access_token");
		if (fromHeader != null && fromQuery != null) {
			return refusedGraph(400, "An access token was given both in the header and as a parameter.",
					"OAuthException", 100);
		}
		String accessToken = (fromHeader != null) ? fromHeader : fromQuery;
		if (accessToken == null || accessToken.isEmpty()) {
			return refusedGraph(400, "An active access token must be used to query information about the current "
					+ "user.", "OAuthException", 2500);
		}
		IssuedToken token = this.provider.token(accessToken);
		TokenState state = this.provider.check(token);
		if (state != TokenState.VALID) {
			return refusedGraph(400, switch (state) {
				case REVOKED -> "Error validating access token: The session has been invalidated because the user "
						+ "changed their password or Facebook has changed the session for security reasons.";
				case EXPIRED -> "Error validating access token: Session has expired.";
				default -> "Invalid OAuth access token - Cannot parse access token.";
			}, "OAuthException", 190);
		}
		String proof = request.param("appsecret_proof");
		if (proof == null) {
			return refusedGraph(400, "API calls from the server require an appsecret_proof argument",
					"GraphMethodException", 100);
		}
		if (!Digests.same(proof, Digests.hmacSha256Hex(this.provider.clientSecret(), accessToken))) {
			return refusedGraph(400, "Invalid appsecret_proof provided in the API argument", "GraphMethodException",
					100);
		}
		Set<String> fields = new LinkedHashSet<>();
		String fieldsParameter = request.param("fields");
		if (fieldsParameter == null || fieldsParameter.isBlank()) {
			fields.add("id");
			fields.add("name");
		}
		else {
			for (String field : fieldsParameter.split(",")) {
				String trimmed = field.strip();
				if (trimmed.isEmpty()) {
					continue;
				}
				if (!KNOWN_FIELDS.contains(trimmed)) {
					return refusedGraph(400, "(#100) Tried accessing nonexisting field (" + trimmed
							+ ") on node type (User)", "OAuthException", 100);
				}
				fields.add(trimmed);
			}
		}
		FakePerson person = token.person();
		Map<String, Object> body = new LinkedHashMap<>();
		for (String field : fields) {
			switch (field) {
				case "id" -> body.put("id", person.id());
				case "name" -> body.put("name", person.name());
				case "email" -> {
					if (person.email() != null && person.emailVerified() && token.scopes().contains("email")) {
						body.put("email", person.email());
					}
				}
				case "picture" -> body.put("picture", pictureData(person));
				default -> throw new IllegalStateException("unexpected field " + field);
			}
		}
		body.putIfAbsent("id", person.id());
		return Response.json(200, JSON.writeValueAsString(body));
	}

	private Map<String, Object> pictureData(FakePerson person) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("height", 50);
		data.put("is_silhouette", person.pictureUrl() == null);
		data.put("url", (person.pictureUrl() != null) ? person.pictureUrl()
				: this.provider.baseUri() + FakeOAuth2Provider.PICTURE_PATH);
		data.put("width", 50);
		return Map.of("data", data);
	}

	/** A Graph error from {@code /me}, recorded as a refusal (the token endpoint's are recorded already). */
	private Response refusedGraph(int status, String message, String type, int code) {
		this.provider.refuse(ME + ": " + message + " (code " + code + ")");
		return graph(status, message, type, code);
	}

	/** Facebook's error body. */
	private static Response graph(int status, String message, String type, int code) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("type", type);
		error.put("code", code);
		error.put("fbtrace_id", Digests.randomAlphanumeric(11));
		return Response.json(status, JSON.writeValueAsString(Map.of("error", error)));
	}

	// ---------------------------------------------------------------- the consent page

	@Override
	ConsentPage.Look look(Set<String> scopes) {
		return new ConsentPage.Look("Log in with Facebook", "facebook", "Facebook", "<strong>"
				+ FakeServer.html(this.provider.appName()) + "</strong> wants to access your "
				+ (scopes.contains("email") ? "name, profile picture and email address." : "name and profile picture."),
				"#0866ff", "#0866ff", true, false);
	}

}
