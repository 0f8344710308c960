package io.github.oauthsignin.signin.facebook;

import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.signin.LogText;
import io.github.oauthsignin.signin.PendingSignIn;
import io.github.oauthsignin.signin.SignInCancelledException;
import io.github.oauthsignin.signin.SignInFailedException;
import io.github.oauthsignin.signin.SignInProfile;
import io.github.oauthsignin.signin.SignInProvider;

/**
 * Sign in with Facebook: the OAuth 2 authorization code flow with {@code state} and PKCE, on Spring Security's
 * oauth2-client pieces (the {@link ClientRegistration} named {@code facebook}, its request builder and PKCE
 * customizer, its token response client), then the person's profile from the Graph API.
 */
public class FacebookSignInProvider implements SignInProvider {

	/** The provider id, also the registration id and the prefix of social ids. */
	public static final String ID = "facebook";

	static final String GRAPH_FIELDS = "id,name,email,picture";

	/** 256 random bits, URL-safe; Spring's own resolver uses the same generator. */
	private final StringKeyGenerator stateGenerator = new Base64StringKeyGenerator(
			Base64.getUrlEncoder().withoutPadding(), 32);

	private final ClientRegistration registration;

	private final OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient;

	private final RestClient graph;

	FacebookSignInProvider(ClientRegistration registration, ClientHttpRequestFactory requestFactory) {
		this.registration = registration;
		RestClientAuthorizationCodeTokenResponseClient tokenClient = new RestClientAuthorizationCodeTokenResponseClient();
		tokenClient.setRestClient(RestClient.builder()
			.requestFactory(requestFactory)
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build());
		this.tokenClient = tokenClient;
		this.graph = RestClient.builder().requestFactory(requestFactory).build();
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String displayName() {
		return "Facebook";
	}

	/** The app secret, which also signs what Facebook posts to the app's callbacks. */
	String appSecret() {
		return this.registration.getClientSecret();
	}

	@Override
	public PendingSignIn start(URI callbackUri) {
		OAuth2AuthorizationRequest.Builder builder = OAuth2AuthorizationRequest.authorizationCode()
			.clientId(this.registration.getClientId())
			.authorizationUri(this.registration.getProviderDetails().getAuthorizationUri())
			.redirectUri(callbackUri.toString())
			.scopes(this.registration.getScopes())
			.state(this.stateGenerator.generateKey())
			.attributes((attributes) -> attributes.put(OAuth2ParameterNames.REGISTRATION_ID, ID));
		OAuth2AuthorizationRequestCustomizers.withPkce().accept(builder);
		OAuth2AuthorizationRequest request = builder.build();
		return new PendingSignIn(ID, request.getState(), URI.create(request.getAuthorizationRequestUri()), request);
	}

	@Override
	public Optional<String> attemptKey(Map<String, String> callbackParameters) {
		return Optional.ofNullable(callbackParameters.get(OAuth2ParameterNames.STATE));
	}

	@Override
	public SignInProfile complete(PendingSignIn pending, Map<String, String> callbackParameters) {
		OAuth2AuthorizationRequest request = pending.protocolState(OAuth2AuthorizationRequest.class);
		String error = callbackParameters.get(OAuth2ParameterNames.ERROR);
		if ("access_denied".equals(error)) {
			throw new SignInCancelledException(ID);
		}
		if (error != null) {
			throw new SignInFailedException(ID, "the dialog answered " + error + ": "
					+ callbackParameters.getOrDefault(OAuth2ParameterNames.ERROR_DESCRIPTION, ""));
		}
		String code = callbackParameters.get(OAuth2ParameterNames.CODE);
		if (code == null || code.isBlank()) {
			throw new SignInFailedException(ID, "the callback carries neither a code nor an error");
		}
		String accessToken = exchange(request, code);
		return fetchProfile(accessToken);
	}

	private String exchange(OAuth2AuthorizationRequest request, String code) {
		OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(code)
			.state(request.getState())
			.redirectUri(request.getRedirectUri())
			.build();
		try {
			return this.tokenClient
				.getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(this.registration,
						new OAuth2AuthorizationExchange(request, response)))
				.getAccessToken()
				.getTokenValue();
		}
		catch (OAuth2AuthorizationException ex) {
			// Either Facebook's error answer, parsed by Spring, or a failure to get any usable answer at all.
			OAuth2Error oauthError = ex.getError();
			String why = (ex.getCause() != null) ? LogText.cause(ex.getCause())
					: oauthError.getErrorCode() + " " + Optional.ofNullable(oauthError.getDescription()).orElse("");
			throw new SignInFailedException(ID, "the token request failed: " + why, ex);
		}
		catch (RestClientException | IllegalArgumentException ex) {
			throw new SignInFailedException(ID, "the token request failed: " + LogText.cause(ex), ex);
		}
	}

	private SignInProfile fetchProfile(String accessToken) {
		URI uri = userInfoUri(accessToken);
		try {
			GraphUser user = this.graph.get()
				.uri(uri)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
				.retrieve()
				.body(GraphUser.class);
			if (user == null) {
				throw new SignInFailedException(ID, "the Graph API answered with an empty body");
			}
			return user.toProfile();
		}
		catch (RestClientResponseException ex) {
			throw new SignInFailedException(ID, "the Graph API answered " + ex.getStatusCode().value() + ": "
					+ GraphError.describe(ex.getResponseBodyAsString()), ex);
		}
		catch (RestClientException ex) {
			throw new SignInFailedException(ID, "the Graph API call failed: " + LogText.cause(ex), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new SignInFailedException(ID, "the Graph API gave an unusable profile: " + ex.getMessage(), ex);
		}
	}

	/** The configured user-info URI, with the fields we need unless it names its own, and the app secret proof. */
	private URI userInfoUri(String accessToken) {
		UriComponentsBuilder uri = UriComponentsBuilder
			.fromUriString(this.registration.getProviderDetails().getUserInfoEndpoint().getUri());
		if (!uri.build().getQueryParams().containsKey("fields")) {
			uri.queryParam("fields", GRAPH_FIELDS);
		}
		return uri.queryParam("appsecret_proof", AppSecretProof.of(this.registration.getClientSecret(), accessToken))
			.build()
			.toUri();
	}

}
