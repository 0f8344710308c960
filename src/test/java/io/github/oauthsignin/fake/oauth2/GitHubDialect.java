package io.github.oauthsignin.fake.oauth2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * GitHub's OAuth apps and REST API, with GitHub's habits that catch careless clients: the token endpoint answers
 * form-encoded unless asked for JSON and reports errors with status 200; {@code /user} shows only the public email
 * ({@code null} for most people); {@code /user/emails} needs the scope {@code user:email} and lists, first, an
 * address that is neither primary nor verified, so that only a client that picks the primary verified one gets it
 * right. The API wants a {@code User-Agent}, as GitHub's does. Scopes may be separated by spaces or commas. The app
 * gives a person's authorization back with the grant API ({@link #deleteGrant}); {@code /user/repos} lists two
 * made-up repositories, for application code that calls GitHub as the person.
 */
final class GitHubDialect extends Dialect {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

	private static final String DOCS = "https://docs.github.com/apps/managing-oauth-apps/";

	private static final String DOCS_GRANT = "https://docs.github.com/rest/apps/oauth-applications#delete-an-app-authorization";

	GitHubDialect(FakeOAuth2Provider provider) {
		super(provider);
	}

	@Override
	String authorizePath() {
		return "/login/oauth/authorize";
	}

	@Override
	String consentPath() {
		return "/login/oauth/consent";
	}

	@Override
	String tokenPath() {
		return "/login/oauth/access_token";
	}

	@Override
	String userInfoUri() {
		return this.provider.baseUri() + "/api/user";
	}

	@Override
	List<Route> routes() {
		return List.of(new Route(FakeOAuth2Provider.USER_INFO, "/api/user", this::user),
				new Route(FakeOAuth2Provider.EMAILS, "/api/user/emails", this::emails),
				new Route(FakeOAuth2Provider.REPOSITORIES, "/api/user/repos", this::repositories),
				new Route(FakeOAuth2Provider.REVOKE, "/api/applications/" + this.provider.clientId() + "/grant",
						this::deleteGrant));
	}

	@Override
	Set<String> knownScopes() {
		return Set.of("read:user", "user:email");
	}

	@Override
	String scopeSeparators() {
		return "[,\\s]+";
	}

	@Override
	String denial() {
		return "error=access_denied&error_description=The+user+has+denied+your+application+access.&error_uri="
				+ FakeServer.urlEncode(DOCS + "troubleshooting-authorization-request-errors/#access-denied");
	}

	@Override
	boolean requiresGrantType() {
		return false;
	}

	/** GitHub's OAuth app tokens do not expire while used; a year stands for that. */
	@Override
	Duration accessTokenLifetime() {
		return Duration.ofDays(365);
	}

	@Override
	String newAccessToken() {
		return "gho_" + Digests.randomAlphanumeric(36);
	}

	@Override
	Response tokenAnswer(Request request, IssuedToken token, String idToken) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("token_type", "bearer");
		body.put("scope", String.join(",", token.scopes()));
		return answer(request, body);
	}

	/** Status 200, as GitHub: a client that only looks at the status takes the error for a token. */
	@Override
	Response tokenError(Request request, TokenProblem problem, String detail) {
		if (problem == TokenProblem.METHOD) {
			return Response.text(404, "Not Found");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		switch (problem) {
			case MALFORMED_BASIC, AUTHENTICATED_TWICE, MISSING_CLIENT_ID, UNKNOWN_CLIENT, WRONG_SECRET,
					SECRET_IN_BODY -> {
				body.put("error", "incorrect_client_credentials");
				body.put("error_description", "The client_id and/or client_secret passed are incorrect.");
				body.put("error_uri", DOCS + "troubleshooting-oauth-app-access-token-request-errors/"
						+ "#incorrect-client-credentials");
			}
			case REDIRECT_URI_MISMATCH, MISSING_REDIRECT_URI -> {
				body.put("error", "redirect_uri_mismatch");
				body.put("error_description", "The redirect_uri MUST match the registered callback URL for this "
						+ "application.");
				body.put("error_uri", DOCS + "troubleshooting-oauth-app-access-token-request-errors/"
						+ "#redirect-uri-mismatch2");
			}
			case UNSUPPORTED_GRANT_TYPE, PARAMETERS_IN_QUERY, DUPLICATE_PARAMETER, MISSING_GRANT_TYPE, METHOD -> {
				body.put("error", problem.error);
				body.put("error_description", problem.describe(detail));
			}
			case MISSING_REFRESH_TOKEN, INVALID_REFRESH_TOKEN, SCOPE_WIDENED, MISSING_TOKEN, INVALID_TOKEN -> {
				body.put("error", "bad_refresh_token");
				body.put("error_description", "The refresh token passed is incorrect or expired.");
			}
			case MISSING_CODE, UNKNOWN_CODE, CODE_USED, CODE_EXPIRED, BAD_VERIFIER, UNEXPECTED_VERIFIER -> {
				body.put("error", "bad_verification_code");
				body.put("error_description", "The code passed is incorrect or expired.");
				body.put("error_uri", DOCS + "troubleshooting-oauth-app-access-token-request-errors/"
						+ "#bad-verification-code");
			}
		}
		return answer(request, body);
	}

	/** JSON when the request's {@code Accept} names it, form-encoded otherwise. */
	private static Response answer(Request request, Map<String, Object> body) {
		String accept = request.header("Accept");
		if (accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json")) {
			return Response.json(200, JSON.writeValueAsString(body));
		}
		List<String> pairs = new ArrayList<>();
		body.forEach((name, value) -> pairs.add(name + "=" + FakeServer.urlEncode(String.valueOf(value))));
		return new Response(200, FORM, Map.of(), String.join("&", pairs));
	}

	// ---------------------------------------------------------------- the API

	private Response user(Request request) {
		Authenticated authenticated = authenticate(request, FakeOAuth2Provider.USER_INFO);
		if (authenticated.refusal() != null) {
			return authenticated.refusal();
		}
		FakePerson person = authenticated.token().person();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("login", person.screenName());
		body.put("id", Long.parseLong(person.id()));
		body.put("avatar_url", (person.pictureUrl() != null) ? person.pictureUrl()
				: this.provider.baseUri() + FakeOAuth2Provider.PICTURE_PATH);
		body.put("type", "User");
		body.put("name", person.name());
		body.put("email", this.provider.publicEmail() ? person.email() : null);
		return Response.json(200, JSON.writeValueAsString(body));
	}

	private Response emails(Request request) {
		Authenticated authenticated = authenticate(request, FakeOAuth2Provider.EMAILS);
		if (authenticated.refusal() != null) {
			return authenticated.refusal();
		}
		IssuedToken token = authenticated.token();
		if (!token.scopes().contains("user:email")) {
			return apiError(FakeOAuth2Provider.EMAILS, 404, "Not Found",
					"https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user");
		}
		FakePerson person = token.person();
		List<Map<String, Object>> emails = new ArrayList<>();
		emails.add(email("other-" + person.id() + "@example.net", false, false, null));
		if (person.email() != null) {
			emails.add(email(person.email(), true, person.emailVerified(),
					this.provider.publicEmail() ? "public" : "private"));
		}
		return Response.json(200, JSON.writeValueAsString(emails));
	}

	/** The person's repositories: two made-up public ones, named after their login. */
	private Response repositories(Request request) {
		Authenticated authenticated = authenticate(request, FakeOAuth2Provider.REPOSITORIES);
		if (authenticated.refusal() != null) {
			return authenticated.refusal();
		}
		String login = authenticated.token().person().screenName();
		List<Map<String, Object>> repositories = new ArrayList<>();
		for (String name : List.of(login + "-notes", "hello-world")) {
			Map<String, Object> repository = new LinkedHashMap<>();
			repository.put("id", Math.abs((login + name).hashCode()));
			repository.put("name", name);
			repository.put("full_name", login + "/" + name);
			repository.put("private", false);
			repositories.add(repository);
		}
		return Response.json(200, JSON.writeValueAsString(repositories));
	}

	/**
	 * The OAuth app's grant API: {@code DELETE /applications/{client_id}/grant}, HTTP Basic with the app's client id
	 * and secret, the person's token in a JSON body; revokes every token of the app for that person and answers 204.
	 * Wrong app credentials and a token that is unknown, of another app or revoked get GitHub's 404; a body without
	 * a token its 422.
	 */
	private Response deleteGrant(Request request) {
		if (!"DELETE".equals(request.method())) {
			return apiError(FakeOAuth2Provider.REVOKE, 404, "Not Found", DOCS_GRANT);
		}
		String authorization = request.header("Authorization");
		String[] basic = (authorization != null) ? TokenEndpoint.basicCredentials(authorization) : null;
		if (basic == null || !basic[0].equals(this.provider.clientId())
				|| !Digests.same(basic[1], this.provider.clientSecret())) {
			return apiError(FakeOAuth2Provider.REVOKE, 404, "Not Found", DOCS_GRANT);
		}
		String value;
		try {
			value = JSON.readTree(request.rawBody()).path("access_token").asString(null);
		}
		catch (RuntimeException ex) {
			value = null;
		}
		if (value == null || value.isEmpty()) {
			return apiError(FakeOAuth2Provider.REVOKE, 422, "Invalid request.\n\n\"access_token\" wasn't supplied.",
					DOCS_GRANT);
		}
		IssuedToken token = this.provider.token(value);
		if (this.provider.check(token) != TokenState.VALID || !token.clientId().equals(this.provider.clientId())) {
			return apiError(FakeOAuth2Provider.REVOKE, 404, "Not Found", DOCS_GRANT);
		}
		this.provider.revokeAllOf(token.person());
		return new Response(204, null, Map.of(), "");
	}

	private static Map<String, Object> email(String address, boolean primary, boolean verified, String visibility) {
		Map<String, Object> email = new LinkedHashMap<>();
		email.put("email", address);
		email.put("primary", primary);
		email.put("verified", verified);
		email.put("visibility", visibility);
		return email;
	}

	/** The valid token of an API request, or the refusal to answer with. */
	private Authenticated authenticate(Request request, String endpoint) {
		if (!"GET".equals(request.method())) {
			return new Authenticated(null, apiError(endpoint, 404, "Not Found", "https://docs.github.com/rest"));
		}
		String agent = request.header("User-Agent");
		if (agent == null || agent.isBlank()) {
			this.provider.refuse(endpoint + ": no User-Agent");
			return new Authenticated(null, Response.text(403, "Request forbidden by administrative rules. Please "
					+ "make sure your request has a User-Agent header (https://docs.github.com/rest/overview/"
					+ "resources-in-the-rest-api#user-agent-required)."));
		}
		String authorization = request.header("Authorization");
		String value = null;
		if (authorization != null && (authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				|| authorization.regionMatches(true, 0, "token ", 0, 6))) {
			value = authorization.substring(authorization.indexOf(' ') + 1).strip();
		}
		if (value == null) {
			return new Authenticated(null, apiError(endpoint, 401, "Requires authentication",
					"https://docs.github.com/rest/users/users#get-the-authenticated-user"));
		}
		IssuedToken token = this.provider.token(value);
		if (this.provider.check(token) != TokenState.VALID) {
			return new Authenticated(null,
					apiError(endpoint, 401, "Bad credentials", "https://docs.github.com/rest"));
		}
		return new Authenticated(token, null);
	}

	private Response apiError(String endpoint, int status, String message, String documentation) {
		this.provider.refuse(endpoint + ": " + message);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", message);
		body.put("documentation_url", documentation);
		body.put("status", String.valueOf(status));
		return Response.json(status, JSON.writeValueAsString(body));
	}

	/** An API request's valid token, or else the refusal to answer with. */
	private record Authenticated(IssuedToken token, Response refusal) {
	}

	// ---------------------------------------------------------------- the consent page

	@Override
	ConsentPage.Look look(Set<String> scopes) {
		String app = FakeServer.html(this.provider.appName());
		return new ConsentPage.Look("Authorize " + this.provider.appName(), "GitHub", "GitHub",
				"Authorize <strong>" + app + "</strong> to read your public profile"
						+ (scopes.contains("user:email") ? " and your email addresses." : "."),
				"#24292f", "#1a7f37", true, true);
	}

}
