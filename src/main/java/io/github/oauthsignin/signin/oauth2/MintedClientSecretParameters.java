package io.github.oauthsignin.signin.oauth2;

import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.DefaultOAuth2TokenRequestParametersConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.MultiValueMap;

/**
 * Spring Security's token request parameters ({@code DefaultOAuth2TokenRequestParametersConverter}, set on its token
 * clients with {@code setParametersConverter}), with a minted client secret ({@link MintedClientSecret}) in place of
 * the registration's placeholder ({@code client_secret_post}). A converter added with {@code addParametersConverter}
 * would send the secret twice: its parameters are added to the default ones, not put in their place. Registrations
 * without a minted secret keep Spring's parameters as they are.
 * @param <T> the grant request (authorization code, refresh token)
 */
final class MintedClientSecretParameters<T extends AbstractOAuth2AuthorizationGrantRequest>
		implements Converter<T, MultiValueMap<String, String>> {

	private final Map<String, MintedClientSecret> byRegistrationId;

	private final Converter<T, MultiValueMap<String, String>> standard = new DefaultOAuth2TokenRequestParametersConverter<>();

	/** @param byRegistrationId the minted secrets, by registration id */
	MintedClientSecretParameters(Map<String, MintedClientSecret> byRegistrationId) {
		this.byRegistrationId = Map.copyOf(byRegistrationId);
	}

	@Override
	public MultiValueMap<String, String> convert(T request) {
		MultiValueMap<String, String> parameters = this.standard.convert(request);
		MintedClientSecret minted = this.byRegistrationId.get(request.getClientRegistration().getRegistrationId());
		if (minted != null && parameters != null && parameters.containsKey(OAuth2ParameterNames.CLIENT_SECRET)) {
			parameters.set(OAuth2ParameterNames.CLIENT_SECRET, minted.current());
		}
		return parameters;
	}

}
