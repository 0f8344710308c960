package io.github.oauthsignin.fake.oauth2;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.github.oauthsignin.fake.FakeServer.Request;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.oauth2.Grants.IssuedToken;

/**
 * How one {@link Flavour} talks on the wire: its paths, scopes, extra demands on the authorization request, token
 * answers and errors, profile endpoints and consent-page look. The mechanics they share (validation, codes, PKCE,
 * client authentication, tokens) are {@link FakeOAuth2Provider}'s; a dialect only says what differs, so that each
 * stays small.
 */
abstract class Dialect {

	/** The OAuth parameters of an authorization request, each of which may be given once only. */
	static final List<String> AUTHORIZE_PARAMETERS = List.of("client_id", "redirect_uri", "state", "response_type",
			"scope", "code_challenge", "code_challenge_method", "nonce", "access_type");

	/** The OAuth parameters of a token request, each of which may be given once only. */
	static final List<String> TOKEN_PARAMETERS = List.of("client_id", "client_secret", "redirect_uri", "code",
			"code_verifier", "grant_type", "refresh_token", "scope");

	/** The parameters of a revocation request (RFC 7009), each of which may be given once only. */
	static final List<String> REVOCATION_PARAMETERS = List.of("token", "token_type_hint", "client_id",
			"client_secret");

	final FakeOAuth2Provider provider;

	Dialect(FakeOAuth2Provider provider) {
		this.provider = provider;
	}

	// ---------------------------------------------------------------- paths and names

	abstract String authorizePath();

	abstract String consentPath();

	abstract String tokenPath();

	/** What the app configures as its user-info URI. */
	abstract String userInfoUri();

	/** The endpoints beyond authorize, consent, token and picture: profile, discovery, JWKS. */
	abstract List<Route> routes();

	/** The name of the authorize endpoint for {@code calls} and {@code failNext}. */
	String authorizeEndpoint() {
		return FakeOAuth2Provider.AUTHORIZE;
	}

	// ---------------------------------------------------------------- the authorization request

	abstract Set<String> knownScopes();

	/** A regular expression for what separates scopes: spaces, as RFC 6749 says, unless the provider is lenient. */
	String scopeSeparators() {
		return "\\s+";
	}

	boolean requiresPkce() {
		return false;
	}

	boolean requiresState() {
		return false;
	}

	boolean requiresScope() {
		return false;
	}

	/** Whether the authorization request takes Google's {@code access_type} ({@code online} or {@code offline}). */
	boolean knowsAccessType() {
		return false;
	}

	/** The callback's parameters (without {@code state}) when the person declines. */
	String denial() {
		return "error=access_denied";
	}

	/** The {@code iss} every redirect back to the app carries (RFC 9207), or null: none. */
	String callbackIssuer() {
		return null;
	}

	/** What follows the callback's query: Facebook's {@code #_=_}, nothing elsewhere. */
	String callbackFragment() {
		return "";
	}

	/** The error page for a refused authorization request: {@code [title, message]}. */
	String[] authorizeError(AuthorizeProblem problem, String detail) {
		return new String[] { "Error 400: " + problem.error, "The request was refused: " + problem.describe(detail)
				+ ". Go back to the app and sign in again." };
	}

	// ---------------------------------------------------------------- the token request

	boolean tokenAllowsGet() {
		return false;
	}

	boolean requiresGrantType() {
		return true;
	}

	boolean requiresBasicAuthentication() {
		return false;
	}

	abstract Duration accessTokenLifetime();

	abstract String newAccessToken();

	/** Whether a code for this grant gives a refresh token too; none by default. */
	boolean issuesRefreshToken(Grants.Grant grant) {
		return false;
	}

	/** Whether each refresh gives a new refresh token and retires the one used (X), rather than keeping it (Google). */
	boolean rotatesRefreshTokens() {
		return false;
	}

	String newRefreshToken() {
		return Digests.randomToken(64);
	}

	/**
	 * The refusal of a revocation request (RFC 7009 §2.2.1: the token endpoint's errors), in the provider's format;
	 * by default the token endpoint's.
	 */
	Response revocationError(Request request, TokenProblem problem, String detail) {
		return tokenError(request, problem, detail);
	}

	/** The successful token answer; {@code idToken} is null unless OpenID Connect issued one. */
	abstract Response tokenAnswer(Request request, IssuedToken token, String idToken);

	/** The refusal of a token request, in the provider's format (the refusal is recorded already). */
	abstract Response tokenError(Request request, TokenProblem problem, String detail);

	// ---------------------------------------------------------------- the consent page

	/** How the pages look; {@code scopes} are the scopes the request asked for (none on error pages). */
	abstract ConsentPage.Look look(Set<String> scopes);

	/**
	 * An endpoint of a flavour.
	 * @param endpoint its name for {@code calls} and {@code failNext}
	 * @param path the exact path
	 * @param handler the handler
	 */
	record Route(String endpoint, String path, Function<Request, Response> handler) {
	}

	/** Why an authorization request is refused, with the RFC 6749 error code it would carry. */
	enum AuthorizeProblem {

		METHOD("invalid_request", "method other than GET:"),

		DUPLICATE_PARAMETER("invalid_request", "parameter given more than once:"),

		UNKNOWN_CLIENT("invalid_client", "unknown client_id:"),

		REDIRECT_URI_NOT_ALLOWED("redirect_uri_mismatch", "redirect_uri not allowed:"),

		RESPONSE_TYPE("unsupported_response_type", "response_type other than code:"),

		UNKNOWN_SCOPE("invalid_scope", "invalid scopes:"),

		MISSING_SCOPE("invalid_scope", "no scope"),

		MISSING_STATE("invalid_request", "no state"),

		METHOD_WITHOUT_CHALLENGE("invalid_request", "code_challenge_method without code_challenge"),

		CHALLENGE_METHOD("invalid_request", "code_challenge_method other than S256:"),

		CHALLENGE_MALFORMED("invalid_request", "code_challenge is not an S256 challenge:"),

		CHALLENGE_MISSING("invalid_request", "no code_challenge: PKCE S256 is required"),

		UNKNOWN_PERSON("invalid_request", "unknown ready-made person:"),

		ACCESS_TYPE("invalid_request", "access_type other than online or offline:");

		final String error;

		private final String template;

		AuthorizeProblem(String error, String template) {
			this.error = error;
			this.template = template;
		}

		/** The English reason, for refusals and error pages. */
		String describe(String detail) {
			return (detail != null) ? this.template + " " + detail : this.template;
		}

	}

	/** Why a token request is refused, with the RFC 6749 error code it would carry. */
	enum TokenProblem {

		METHOD("invalid_request", "method not allowed:"),

		PARAMETERS_IN_QUERY("invalid_request", "OAuth parameters in the query instead of the body"),

		DUPLICATE_PARAMETER("invalid_request", "Duplicate parameter:"),

		MALFORMED_BASIC("invalid_client", "malformed HTTP Basic credentials"),

		AUTHENTICATED_TWICE("invalid_request", "Client credentials given both as HTTP Basic and in the body."),

		SECRET_IN_BODY("invalid_client", "client_secret in the body: confidential clients use HTTP Basic"),

		MISSING_CLIENT_ID("invalid_client", "Missing client_id parameter."),

		UNKNOWN_CLIENT("invalid_client", "unknown client_id:"),

		WRONG_SECRET("invalid_client", "wrong or missing client secret"),

		MISSING_GRANT_TYPE("invalid_request", "missing grant_type"),

		UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", "Unsupported grant_type:"),

		MISSING_REDIRECT_URI("invalid_request", "Missing redirect_uri parameter."),

		MISSING_CODE("invalid_request", "Missing authorization code."),

		UNKNOWN_CODE("invalid_grant", "unknown code, or one issued to another client"),

		CODE_USED("invalid_grant", "This authorization code has been used."),

		CODE_EXPIRED("invalid_grant", "This authorization code has expired."),

		REDIRECT_URI_MISMATCH("invalid_grant", "redirect_uri differs from the authorization request's"),

		BAD_VERIFIER("invalid_grant", "code_verifier missing or not matching the code_challenge"),

		UNEXPECTED_VERIFIER("invalid_grant", "code_verifier for a code issued without code_challenge"),

		MISSING_REFRESH_TOKEN("invalid_request", "Missing refresh_token parameter."),

		INVALID_REFRESH_TOKEN("invalid_grant", "unknown, revoked or replaced refresh token, or one issued to another client"),

		SCOPE_WIDENED("invalid_scope", "a refresh may not ask for scopes the grant lacks:"),

		MISSING_TOKEN("invalid_request", "Missing token parameter."),

		INVALID_TOKEN("invalid_token", "Token expired or revoked");

		final String error;

		private final String template;

		TokenProblem(String error, String template) {
			this.error = error;
			this.template = template;
		}

		/** The English reason, for refusals and error pages. */
		String describe(String detail) {
			return (detail != null) ? this.template + " " + detail : this.template;
		}

		boolean clientProblem() {
			return "invalid_client".equals(this.error);
		}

	}

}
