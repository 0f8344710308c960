package io.github.oauthsignin.signin.oauth2;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import io.github.oauthsignin.signin.SignInFailedException;

/**
 * How a provider takes back the tokens it gave this app for a person, when the person forgets them, disconnects the
 * provider or deletes their account. By default the standard one where the provider's discovery document names a
 * {@code revocation_endpoint} ({@link Rfc7009TokenRevocation}); presets that differ bring their own (GitHub's grant
 * API, X's endpoint).
 */
@FunctionalInterface
public interface TokenRevocation {

	/** For a provider that offers no revocation (Facebook): the tokens are only deleted here. */
	TokenRevocation NONE = (registration, accessToken, refreshToken) -> false;

	/**
	 * Revokes the person's tokens at the provider.
	 * @param registration the app's registration there: its client credentials and endpoints
	 * @param accessToken the access token
	 * @param refreshToken the refresh token, or null
	 * @return true when revoked, false when the provider offers no revocation
	 * @throws SignInFailedException when the provider refused or did not answer
	 */
	boolean revoke(ClientRegistration registration, OAuth2AccessToken accessToken, OAuth2RefreshToken refreshToken);

}
