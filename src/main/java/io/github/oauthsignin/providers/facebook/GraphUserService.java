package io.github.oauthsignin.providers.facebook;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.RestOperations;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.signin.oauth2.OAuth2Preset;

/**
 * Reads the person from the Graph API's {@code /me}: Spring's {@link DefaultOAuth2UserService}, with the fields the
 * app needs (unless the configured user-info URI names its own) and {@code appsecret_proof}, which shows the call
 * comes from the app's server and not from someone holding a stolen token. Facebook's default picture, a
 * silhouette, is no picture.
 */
final class GraphUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

	static final String FIELDS = "id,name,email,picture";

	private final DefaultOAuth2UserService delegate;

	GraphUserService(RestOperations http) {
		this.delegate = OAuth2Preset.standardUserService(http);
		this.delegate.setRequestEntityConverter(GraphUserService::meRequest);
		this.delegate.setAttributesConverter((request) -> GraphUserService::withoutSilhouette);
	}

	@Override
	public OAuth2User loadUser(OAuth2UserRequest request) throws OAuth2AuthenticationException {
		return this.delegate.loadUser(request);
	}

	private static RequestEntity<?> meRequest(OAuth2UserRequest request) {
		ClientRegistration registration = request.getClientRegistration();
		String accessToken = request.getAccessToken().getTokenValue();
		UriComponentsBuilder uri = UriComponentsBuilder
			.fromUriString(registration.getProviderDetails().getUserInfoEndpoint().getUri());
		if (!uri.build().getQueryParams().containsKey("fields")) {
			uri.queryParam("fields", FIELDS);
		}
		URI me = uri.queryParam("appsecret_proof", AppSecretProof.of(registration.getClientSecret(), accessToken))
			.build()
			.toUri();
		return RequestEntity.get(me)
			.accept(MediaType.APPLICATION_JSON)
			.headers((headers) -> headers.setBearerAuth(accessToken))
			.build();
	}

	private static Map<String, Object> withoutSilhouette(Map<String, Object> attributes) {
		if (attributes != null && attributes.get("picture") instanceof Map<?, ?> picture
				&& picture.get("data") instanceof Map<?, ?> data
				&& Boolean.TRUE.equals(data.get("is_silhouette"))) {
			Map<String, Object> copy = new LinkedHashMap<>(attributes);
			copy.remove("picture");
			return copy;
		}
		return attributes;
	}

}
