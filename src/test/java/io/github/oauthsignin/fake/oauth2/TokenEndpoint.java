package io.github.oauthsignin.fake.oauth2;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.oauthsignin.fake.FakeServer.Request;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.oauth2.Dialect.TokenProblem;
import io.github.oauthsignin.fake.oauth2.Grants.IssuedCode;
import io.github.oauthsignin.fake.oauth2.Grants.IssuedRefreshToken;
import io.github.oauthsignin.fake.oauth2.Grants.IssuedToken;

/**
 * The token endpoint, the same for every flavour: client authentication (HTTP Basic or the body, never both; only
 * Basic where the flavour says so), then the code, checked against everything it was issued for, then PKCE; or, where
 * the flavour issues them, a refresh token. The same client authentication guards the revocation endpoint (RFC 7009).
 * The flavour only words the answer and the refusals.
 */
final class TokenEndpoint {

	/** RFC 7636 §4.1. */
	private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

	private final FakeOAuth2Provider provider;

	private final Dialect dialect;

	private final Grants grants;

	TokenEndpoint(FakeOAuth2Provider provider, Dialect dialect, Grants grants) {
		this.provider = provider;
		this.dialect = dialect;
		this.grants = grants;
	}

	Response token(Request request) {
		boolean post = "POST".equals(request.method());
		if (!post && !("GET".equals(request.method()) && this.dialect.tokenAllowsGet())) {
			return refused(request, TokenProblem.METHOD, request.method());
		}
		List<Map.Entry<String, String>> parameters = new ArrayList<>(request.form());
		if (this.dialect.tokenAllowsGet()) {
			parameters.addAll(0, request.query());
		}
		else if (Dialect.TOKEN_PARAMETERS.stream()
			.anyMatch((name) -> Parameters.first(request.query(), name) != null)) {
			return refused(request, TokenProblem.PARAMETERS_IN_QUERY, null);
		}
		String duplicate = Parameters.duplicate(parameters, Dialect.TOKEN_PARAMETERS);
		if (duplicate != null) {
			return refused(request, TokenProblem.DUPLICATE_PARAMETER, duplicate);
		}
		ClientAuthentication client = authenticate(request, parameters, post);
		if (client.problem() != null) {
			return refused(request, client.problem(), client.detail());
		}
		String id = client.clientId();
		String grantType = Parameters.first(parameters, "grant_type");
		if ("refresh_token".equals(grantType)) {
			return refresh(request, parameters, id);
		}
		if ((grantType == null) ? this.dialect.requiresGrantType() : !"authorization_code".equals(grantType)) {
			return refused(request, (grantType == null) ? TokenProblem.MISSING_GRANT_TYPE
					: TokenProblem.UNSUPPORTED_GRANT_TYPE, grantType);
		}
		String redirectUri = Parameters.first(parameters, "redirect_uri");
		if (redirectUri == null) {
			return refused(request, TokenProblem.MISSING_REDIRECT_URI, null);
		}
		String codeValue = Parameters.first(parameters, "code");
		if (codeValue == null) {
			return refused(request, TokenProblem.MISSING_CODE, null);
		}
		IssuedCode code = this.grants.code(codeValue);
		if (code == null || !code.grant().clientId().equals(id)) {
			return refused(request, TokenProblem.UNKNOWN_CODE, null);
		}
		if (code.used().get()) {
			return usedTwice(request, code);
		}
		if (this.provider.now().isAfter(code.expiresAt())) {
			return refused(request, TokenProblem.CODE_EXPIRED, null);
		}
		if (!code.grant().redirectUri().equals(redirectUri)) {
			return refused(request, TokenProblem.REDIRECT_URI_MISMATCH, Parameters.quote(redirectUri));
		}
		String verifier = Parameters.first(parameters, "code_verifier");
		if (code.grant().codeChallenge() != null) {
			if (verifier == null || !VERIFIER.matcher(verifier).matches()
					|| !Digests.same(Digests.s256(verifier), code.grant().codeChallenge())) {
				return refused(request, TokenProblem.BAD_VERIFIER, null);
			}
		}
		else if (verifier != null) {
			return refused(request, TokenProblem.UNEXPECTED_VERIFIER, null);
		}
		if (!code.used().compareAndSet(false, true)) {
			return usedTwice(request, code);
		}
		IssuedToken token = this.grants.issueToken(code, this.dialect.newAccessToken(),
				this.provider.now().plus(this.dialect.accessTokenLifetime()),
				this.dialect.issuesRefreshToken(code.grant()) ? this.dialect.newRefreshToken() : null);
		String idToken = null;
		if (this.dialect instanceof OidcDialect oidc && code.grant().scopes().contains("openid")) {
			idToken = oidc.idToken(code, this.provider.takeIdTokenAttack());
			this.grants.recordIdToken(idToken);
		}
		return this.dialect.tokenAnswer(request, token, idToken);
	}

	/** RFC 6749 §6: a refresh token of this client for a new access token, never for more scopes than it had. */
	private Response refresh(Request request, List<Map.Entry<String, String>> parameters, String clientId) {
		String value = Parameters.first(parameters, "refresh_token");
		if (value == null) {
			return refused(request, TokenProblem.MISSING_REFRESH_TOKEN, null);
		}
		IssuedRefreshToken refresh = this.grants.refreshToken(value);
		if (refresh == null || !refresh.clientId().equals(clientId)) {
			return refused(request, TokenProblem.INVALID_REFRESH_TOKEN, null);
		}
		String scope = Parameters.first(parameters, "scope");
		if (scope != null) {
			Set<String> asked = Parameters.scopes(scope, this.dialect.scopeSeparators());
			if (!refresh.scopes().containsAll(asked)) {
				return refused(request, TokenProblem.SCOPE_WIDENED, scope);
			}
		}
		IssuedToken token = this.grants.refresh(refresh, this.dialect.newAccessToken(),
				this.provider.now().plus(this.dialect.accessTokenLifetime()),
				this.dialect.rotatesRefreshTokens() ? this.dialect.newRefreshToken() : null);
		return this.dialect.tokenAnswer(request, token, null);
	}

	/**
	 * RFC 7009: revokes a token of this client. Client authentication as at the token endpoint (HTTP Basic where the
	 * flavour requires it); where it is optional (Google's), credentials that are given must still be right. An
	 * unknown or already revoked token is refused, as Google refuses it.
	 */
	Response revoke(Request request) {
		if (!"POST".equals(request.method())) {
			return refusedRevocation(request, TokenProblem.METHOD, request.method());
		}
		List<Map.Entry<String, String>> parameters = request.form();
		String duplicate = Parameters.duplicate(parameters, Dialect.REVOCATION_PARAMETERS);
		if (duplicate != null) {
			return refusedRevocation(request, TokenProblem.DUPLICATE_PARAMETER, duplicate);
		}
		boolean credentialsGiven = request.header("Authorization") != null
				|| Parameters.first(parameters, "client_secret") != null;
		String clientId = this.provider.clientId();
		if (credentialsGiven || this.dialect.requiresBasicAuthentication()) {
			ClientAuthentication client = authenticate(request, parameters, true);
			if (client.problem() != null) {
				return refusedRevocation(request, client.problem(), client.detail());
			}
		}
		String token = Parameters.first(parameters, "token");
		if (token == null) {
			return refusedRevocation(request, TokenProblem.MISSING_TOKEN, null);
		}
		if (!this.grants.revoke(token, clientId)) {
			return refusedRevocation(request, TokenProblem.INVALID_TOKEN, null);
		}
		return Response.json(200, "{}");
	}

	/**
	 * Client authentication: HTTP Basic or the body, never both; only Basic where the flavour says so; the client id
	 * this fake knows and its secret, compared in constant time.
	 */
	private ClientAuthentication authenticate(Request request, List<Map.Entry<String, String>> parameters,
			boolean post) {
		String id = Parameters.first(parameters, "client_id");
		String secret = Parameters.first(parameters, "client_secret");
		String authorization = request.header("Authorization");
		if (post && authorization != null) {
			String[] basic = basicCredentials(authorization);
			if (basic == null) {
				return ClientAuthentication.refused(TokenProblem.MALFORMED_BASIC, null);
			}
			if (secret != null) {
				return ClientAuthentication.refused(TokenProblem.AUTHENTICATED_TWICE, null);
			}
			if (id != null && !id.equals(basic[0])) {
				return ClientAuthentication.refused(TokenProblem.UNKNOWN_CLIENT, Parameters.quote(id));
			}
			id = basic[0];
			secret = basic[1];
		}
		else if (this.dialect.requiresBasicAuthentication()) {
			return ClientAuthentication.refused(
					(secret != null) ? TokenProblem.SECRET_IN_BODY : TokenProblem.WRONG_SECRET, null);
		}
		if (id == null) {
			return ClientAuthentication.refused(TokenProblem.MISSING_CLIENT_ID, null);
		}
		if (!id.equals(this.provider.clientId())) {
			return ClientAuthentication.refused(TokenProblem.UNKNOWN_CLIENT, Parameters.quote(id));
		}
		if (!Digests.same(secret, this.provider.clientSecret())) {
			return ClientAuthentication.refused(TokenProblem.WRONG_SECRET, null);
		}
		return new ClientAuthentication(id, null, null);
	}

	private Response refusedRevocation(Request request, TokenProblem problem, String detail) {
		this.provider.refuse("revoke: " + problem.describe(detail));
		return this.dialect.revocationError(request, problem, detail);
	}

	/** The authenticated client's id, or why it is refused. */
	private record ClientAuthentication(String clientId, TokenProblem problem, String detail) {

		static ClientAuthentication refused(TokenProblem problem, String detail) {
			return new ClientAuthentication(null, problem, detail);
		}

	}

	private Response usedTwice(Request request, IssuedCode code) {
		this.grants.revokeTokenOf(code);
		return refused(request, TokenProblem.CODE_USED, null);
	}

	private Response refused(Request request, TokenProblem problem, String detail) {
		this.provider.refuse("token: " + problem.describe(detail));
		return this.dialect.tokenError(request, problem, detail);
	}

	/** RFC 6749 §2.3.1: Basic credentials are form-encoded before base64. */
	static String[] basicCredentials(String authorization) {
		if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				return null;
			}
			return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
					URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
