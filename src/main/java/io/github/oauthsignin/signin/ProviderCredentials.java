package io.github.oauthsignin.signin;

import java.util.Objects;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * What a provider's answer gave besides the person's profile: the credentials to call the provider as that person.
 * The app keeps them only for a provider with {@code signin.providers.<id>.keep-tokens=true} ({@link CredentialsKeeper});
 * otherwise they are dropped with the request. Never logged: {@code toString} names the kind only.
 */
public sealed interface ProviderCredentials {

	/**
	 * An OAuth 2 access token, with the refresh token when the provider gave one (Google with
	 * {@code access_type=offline}, X with {@code offline.access}).
	 * @param accessToken the access token, with its scopes and expiry
	 * @param refreshToken the refresh token, or null
	 */
	record OAuth2(OAuth2AccessToken accessToken, OAuth2RefreshToken refreshToken) implements ProviderCredentials {

		public OAuth2 {
			Objects.requireNonNull(accessToken, "accessToken");
		}

		@Override
		public String toString() {
			return "OAuth2[scopes=" + this.accessToken.getScopes() + ", refreshable=" + (this.refreshToken != null)
					+ "]";
		}

	}

	/**
	 * An OAuth 1.0a access token and its secret, which together sign calls made as the person.
	 * @param token the access token ({@code oauth_token})
	 * @param secret the token secret ({@code oauth_token_secret})
	 */
	record OAuth1(String token, String secret) implements ProviderCredentials {

		public OAuth1 {
			Objects.requireNonNull(token, "token");
			Objects.requireNonNull(secret, "secret");
		}

		@Override
		public String toString() {
			return "OAuth1[<hidden>]";
		}

	}

}
