package io.github.oauthsignin.signin.oauth2;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import io.github.oauthsignin.signin.CompletedSignIn;
import io.github.oauthsignin.signin.LogSanitizer;
import io.github.oauthsignin.signin.PendingSignIn;
import io.github.oauthsignin.signin.ProviderCredentials;
import io.github.oauthsignin.signin.ProviderMisconfiguredException;
import io.github.oauthsignin.signin.ProviderDescriptor;
import io.github.oauthsignin.signin.SignInCancelledException;
import io.github.oauthsignin.signin.SignInFailedException;
import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.signin.SignInRejectedException;
import io.github.oauthsignin.user.SignInProfile;

/**
 * Signs people in through one OAuth 2 client registration, with Spring Security's own pieces for every step, and
 * OpenID Connect when its scope has {@code openid}:
 * <ol>
 * <li>start: Spring's authorization request resolver gives the request, with a {@code state} of 256 random bits,
 * PKCE S256, and for OpenID Connect a nonce (the request keeps the verifier and the nonce; only the challenge and
 * the nonce's hash go to the provider);</li>
 * <li>complete: the answer's {@code iss} is checked where the provider sends one (RFC 9207,
 * {@link AuthorizationResponseIssuer}); then the answer is handed to Spring's login authentication provider, which
 * checks the state and the redirect URI, exchanges the code through the token client, and for OpenID Connect
 * validates the ID token (signature, issuer, audience, times, nonce) and that UserInfo speaks of the same
 * {@code sub}; then the preset's (or the configured) mapper reads the profile.</li>
 * </ol>
 * The tokens the provider gave come back with the profile, for the app to keep where the operator asked for it, and
 * the preset's {@link TokenRevocation} takes them back.
 * Spring's failures arrive as {@link OAuth2AuthenticationException}s: a failed check becomes a
 * {@link SignInRejectedException} (logged with Spring's description of the check), a provider that errs or does not
 * answer (also while its keys are fetched) a {@link SignInFailedException}, and one that cannot work as set up (its
 * discovery document names another issuer, its key set holds no usable key, it refuses our client credentials) a
 * {@link ProviderMisconfiguredException}; the log gets the error code and our words for the failure, never the
 * provider's answer or a token.
 */
final class OAuth2SignInProvider implements SignInProvider {

	/**
	 * Token endpoint errors that say our client credentials are wrong (RFC 6749 section 5.2; GitHub answers
	 * {@code incorrect_client_credentials}): a setting to fix, not an outage.
	 */
	private static final Set<String> CLIENT_REFUSED = Set.of("invalid_client", "unauthorized_client",
			"incorrect_client_credentials");

	private final ProviderDescriptor descriptor;

	private final String setup;

	private final LazyClientRegistrationRepository registrations;

	private final OAuth2AuthorizationRequestResolver requests;

	private final OAuth2Login login;

	private final ProfileMapper mapper;

	private final TokenRevocation revocation;

	OAuth2SignInProvider(ProviderDescriptor descriptor, String setup, LazyClientRegistrationRepository registrations,
			OAuth2AuthorizationRequestResolver requests, OAuth2Login login, ProfileMapper mapper,
			TokenRevocation revocation) {
		this.descriptor = descriptor;
		this.setup = setup;
		this.registrations = registrations;
		this.requests = requests;
		this.login = login;
		this.mapper = mapper;
		this.revocation = revocation;
	}

	@Override
	public ProviderDescriptor descriptor() {
		return this.descriptor;
	}

	@Override
	public List<String> authorizationOrigins() {
		return this.registrations.authorizationOrigins(id());
	}

	@Override
	public String setup() {
		return this.setup;
	}

	@Override
	public PendingSignIn start(HttpServletRequest request) {
		OAuth2AuthorizationRequest authorization;
		try {
			authorization = this.requests.resolve(request, id());
		}
		catch (IssuerUnavailableException ex) {
			throw new SignInFailedException(id(), ex.getMessage(), ex);
		}
		catch (IssuerMisconfiguredException ex) {
			throw new ProviderMisconfiguredException(id(), ex.getMessage(), ex);
		}
		return new PendingSignIn(id(), authorization.getState(),
				URI.create(authorization.getAuthorizationRequestUri()), authorization);
	}

	@Override
	public Optional<String> attemptKey(Map<String, String> callbackParameters) {
		return Optional.ofNullable(callbackParameters.get(OAuth2ParameterNames.STATE));
	}

	@Override
	public CompletedSignIn complete(PendingSignIn pending, Map<String, String> callbackParameters) {
		OAuth2AuthorizationRequest authorization = pending.protocolState(OAuth2AuthorizationRequest.class);
		ClientRegistration registration = registration();
		AuthorizationResponseIssuer.check(registration, callbackParameters);
		OAuth2AuthorizationResponse response = response(authorization, callbackParameters);
		OAuth2LoginAuthenticationToken authenticated = authenticate(new OAuth2LoginAuthenticationToken(registration,
				new OAuth2AuthorizationExchange(authorization, response)));
		try {
			SignInProfile profile = this.mapper.toProfile(this.descriptor, authenticated.getPrincipal(),
					callbackParameters);
			return new CompletedSignIn(profile, new ProviderCredentials.OAuth2(authenticated.getAccessToken(),
					authenticated.getRefreshToken()));
		}
		catch (IllegalArgumentException ex) {
			throw new SignInFailedException(id(), "the profile is unusable: " + ex.getMessage(), ex);
		}
	}

	/** Revokes an access token (and refresh token) this registration was given, where the provider can. */
	@Override
	public boolean revoke(ProviderCredentials credentials) {
		if (!(credentials instanceof ProviderCredentials.OAuth2 tokens)) {
			return false;
		}
		return this.revocation.revoke(registration(), tokens.accessToken(), tokens.refreshToken());
	}

	private ClientRegistration registration() {
		try {
			return this.registrations.findByRegistrationId(id());
		}
		catch (IssuerUnavailableException ex) {
			throw new SignInFailedException(id(), ex.getMessage(), ex);
		}
		catch (IssuerMisconfiguredException ex) {
			throw new ProviderMisconfiguredException(id(), ex.getMessage(), ex);
		}
	}

	/**
	 * The provider's answer as Spring reads it; a refusal at the provider ends here ({@code access_denied}, or
	 * Apple's {@code user_cancelled_authorize}: the person declined).
	 */
	private OAuth2AuthorizationResponse response(OAuth2AuthorizationRequest authorization,
			Map<String, String> parameters) {
		String error = parameters.get(OAuth2ParameterNames.ERROR);
		if ("access_denied".equals(error) || "user_cancelled_authorize".equals(error)) {
			throw new SignInCancelledException(id());
		}
		if (error != null) {
			// The error code only: its description is free text, which anyone can put in a callback URL.
			throw new SignInFailedException(id(), "the provider answered error " + LogSanitizer.errorCode(error));
		}
		String code = parameters.get(OAuth2ParameterNames.CODE);
		if (code == null || code.isBlank()) {
			throw new SignInFailedException(id(), "the callback carries neither a code nor an error");
		}
		return OAuth2AuthorizationResponse.success(code)
			.state(parameters.get(OAuth2ParameterNames.STATE))
			.redirectUri(authorization.getRedirectUri())
			.build();
	}

	private OAuth2LoginAuthenticationToken authenticate(OAuth2LoginAuthenticationToken token) {
		boolean openId = token.getAuthorizationExchange().getAuthorizationRequest().getScopes()
			.contains(OidcScopes.OPENID);
		try {
			AuthenticationProvider provider = openId ? this.login.openIdConnect() : this.login.oauth2();
			return (OAuth2LoginAuthenticationToken) provider.authenticate(token);
		}
		catch (OAuth2AuthenticationException ex) {
			OAuth2Error error = ex.getError();
			if (CLIENT_REFUSED.contains(error.getErrorCode()) || isTokenEndpointUnauthorized(ex)) {
				throw new ProviderMisconfiguredException(id(),
						"the token endpoint refused the client credentials, check client-id and client-secret: "
								+ (CLIENT_REFUSED.contains(error.getErrorCode()) ? error.getErrorCode()
										: "HTTP 401, which RFC 6749 answers for invalid_client"),
						ex);
			}
			Throwable unusableKeys = unusableKeySet(ex);
			if (unusableKeys != null) {
				throw new ProviderMisconfiguredException(id(), unusableKeys.getMessage(), ex);
			}
			if (isFailedCheck(ex)) {
				// Spring's own words about the check that failed (a claim, the signature), never an answer's body.
				throw new SignInRejectedException(id(), error.getErrorCode()
						+ ((error.getDescription() != null) ? ": " + error.getDescription() : ""), ex);
			}
			// Spring's description of a failed call quotes the provider's answer (an error body, an error_description):
			// our words only.
			String code = LogSanitizer.errorCode(error.getErrorCode());
			String cause = (ex.getCause() != null) ? LogSanitizer.describe(ex.getCause()) : null;
			throw new SignInFailedException(id(), (cause == null) ? code
					: cause.equals("error " + code) ? "the provider answered " + cause : code + " (" + cause + ")", ex);
		}
		catch (IllegalArgumentException ex) {
			// DefaultOAuth2User refuses an answer without the user-name attribute (the person's id).
			throw new SignInFailedException(id(), "the profile is unusable: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Whether the token endpoint answered 401, which RFC 6749 (section 5.2) keeps for a client that failed to
	 * authenticate. Spring's error handler reads the error of a 400 answer only, and reports a 401 as an unreadable
	 * token response.
	 */
	private static boolean isTokenEndpointUnauthorized(OAuth2AuthenticationException ex) {
		if (!"invalid_token_response".equals(ex.getError().getErrorCode())) {
			return false;
		}
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof RestClientResponseException response
					&& response.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
				return true;
			}
		}
		return false;
	}

	/** The issuer's key set holding no usable key, when that is why the ID token was refused; otherwise null. */
	private static Throwable unusableKeySet(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IdTokenKeySelector.UnusableKeySetException) {
				return cause;
			}
		}
		return null;
	}

	/**
	 * Whether Spring refused the answer because a check failed, rather than because the provider erred: the ID
	 * token (its signature, claims or nonce) or the UserInfo answer's subject. Spring reports a UserInfo call
	 * that failed with the same code as a subject that differs; only the latter has no cause.
	 */
	private static boolean isFailedCheck(OAuth2AuthenticationException ex) {
		return switch (ex.getError().getErrorCode()) {
			case "invalid_id_token" -> !isCallFailure(ex);
			case "invalid_nonce", "invalid_state_parameter", "invalid_redirect_uri_parameter" -> true;
			case "invalid_user_info_response" -> ex.getCause() == null;
			default -> false;
		};
	}

	/** Whether fetching something failed on the way (the issuer's keys, for an ID token), not a check. */
	private static boolean isCallFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof IOException || cause instanceof RestClientException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Spring's two login authentication providers, plain OAuth 2 and OpenID Connect, for one registration.
	 * @param oauth2 the plain one: code for token, then UserInfo
	 * @param openIdConnect the OpenID Connect one: code for token, the ID token validated, then UserInfo
	 */
	record OAuth2Login(AuthenticationProvider oauth2, AuthenticationProvider openIdConnect) {
	}

}
