package io.github.oauthsignin.signin.oauth1;

import java.util.Objects;

import io.github.oauthsignin.signin.ProviderCredentials;

/**
 * A person's kept OAuth 1.0a access token at a provider (X over OAuth 1.0a), the counterpart of Spring Security's
 * {@code OAuth2AuthorizedClient}.
 * @param providerId the provider, such as {@code twitter}
 * @param principalName the person, as {@code Authentication#getName()} names them (the user id)
 * @param accessToken the access token and its secret, which sign calls made as the person
 */
public record OAuth1AuthorizedClient(String providerId, String principalName, ProviderCredentials.OAuth1 accessToken) {

	public OAuth1AuthorizedClient {
		Objects.requireNonNull(providerId, "providerId");
		Objects.requireNonNull(principalName, "principalName");
		Objects.requireNonNull(accessToken, "accessToken");
	}

}
