package io.github.oauthsignin.signin.oauth2;

import java.util.Map;
import java.util.Optional;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestOperations;

import io.github.oauthsignin.signin.CredentialSettings;
import io.github.oauthsignin.signin.ProviderDescriptor;

/**
 * A provider the app knows over OAuth 2 or OpenID Connect, on with two environment variables: its descriptor plus,
 * only where it differs from the standard, how to talk to it. Presets are beans; the registration with the
 * preset's id (or whose {@code provider} property names it) takes the preset's defaults, and the standard
 * {@code spring.security.oauth2.client.registration.<id>.*} and {@code provider.<id>.*} properties override
 * them.
 */
public interface OAuth2Preset extends ProviderDescriptor {

	/** The variables holding the OAuth 2 client's id and secret (the first pair of {@link #credentials()}). */
	default CredentialSettings clientCredentials() {
		return credentials().get(0);
	}

	/**
	 * The registration's defaults: endpoints, scopes, client authentication and the user-name attribute (the
	 * person's stable id at the provider). Like {@code CommonOAuth2Provider#getBuilder}.
	 */
	ClientRegistration.Builder registration(String registrationId);

	/**
	 * How the person's profile is fetched with the access token; by default Spring's
	 * {@link DefaultOAuth2UserService} on the app's HTTP client.
	 * @param http the HTTP client for calls to the provider, with the configured time limits
	 */
	default OAuth2UserService<OAuth2UserRequest, OAuth2User> userService(RestOperations http) {
		return standardUserService(http);
	}

	/**
	 * Spring's {@link DefaultOAuth2UserService} on the app's HTTP client: GET the user-info URI with the access
	 * token, read the JSON object, require the user-name attribute. Presets that differ start from it.
	 */
	static DefaultOAuth2UserService standardUserService(RestOperations http) {
		DefaultOAuth2UserService service = new DefaultOAuth2UserService();
		service.setRestOperations(http);
		return service;
	}

	/** How the fetched profile becomes a sign-in profile. */
	ProfileMapper profileMapper();

	/**
	 * How the provider revokes a person's tokens; by default RFC 7009 at the {@code revocation_endpoint} of its
	 * discovery document, and none without one.
	 * @param http the HTTP client for calls to the provider, with the configured limits
	 */
	default TokenRevocation tokenRevocation(RestClient http) {
		return Rfc7009TokenRevocation.fromDiscovery(http);
	}

	/**
	 * What the authorization request adds while the app keeps this provider's tokens, such as Google's
	 * {@code access_type=offline} for a refresh token; none by default (scopes such as X's {@code offline.access}
	 * come by the standard {@code scope} property).
	 */
	default Map<String, Object> keptTokensParameters() {
		return Map.of();
	}

	/**
	 * The client secret the app makes itself for this provider (Apple's signed JWT), sent in place of a configured one;
	 * empty for a provider whose secret is configured (all but Apple).
	 */
	default Optional<MintedClientSecret> mintedClientSecret() {
		return Optional.empty();
	}

	/**
	 * What this provider's authorization requests need beyond the standard, such as Apple's
	 * {@code response_mode=form_post}; nothing by default.
	 */
	default void customize(OAuth2AuthorizationRequest.Builder request) {
	}

}
