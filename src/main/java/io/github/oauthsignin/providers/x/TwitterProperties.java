package io.github.oauthsignin.providers.x;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.github.oauthsignin.config.HttpUrls;

/**
 * X's OAuth 1.0a endpoints (the credentials are {@code TWITTER_CONSUMER_KEY} and {@code TWITTER_CONSUMER_SECRET},
 * or {@code signin.twitter.consumer-key} and {@code consumer-secret}); they default to X's own and are overridden
 * for tests and stand-ins.
 * @param requestTokenUri where request tokens are obtained
 * @param authorizeUri where the browser is sent to approve ({@code /oauth/authenticate}: no re-approval once granted)
 * @param accessTokenUri where the approved request token is exchanged for an access token
 * @param userInfoUri the profile; its own query parameters are kept and signed
 * @param invalidateTokenUri where a kept access token is invalidated when the person forgets it, disconnects X or
 * deletes their account
 */
@ConfigurationProperties("signin.twitter")
public record TwitterProperties(@DefaultValue("https://api.x.com/oauth/request_token") String requestTokenUri,
		@DefaultValue("https://api.x.com/oauth/authenticate") String authorizeUri,
		@DefaultValue("https://api.x.com/oauth/access_token") String accessTokenUri,
		@DefaultValue("https://api.x.com/1.1/account/verify_credentials.json?include_email=true&skip_status=true") String userInfoUri,
		@DefaultValue("https://api.x.com/1.1/oauth/invalidate_token") String invalidateTokenUri) {

	private static final String PREFIX = "signin.twitter.";

	public TwitterProperties {
		HttpUrls.require(PREFIX + "request-token-uri", requestTokenUri);
		HttpUrls.require(PREFIX + "authorize-uri", authorizeUri);
		HttpUrls.require(PREFIX + "access-token-uri", accessTokenUri);
		HttpUrls.require(PREFIX + "user-info-uri", userInfoUri);
		HttpUrls.require(PREFIX + "invalidate-token-uri", invalidateTokenUri);
	}

	URI requestToken() {
		return URI.create(this.requestTokenUri);
	}

	URI authorize() {
		return URI.create(this.authorizeUri);
	}

	URI accessToken() {
		return URI.create(this.accessTokenUri);
	}

	URI userInfo() {
		return URI.create(this.userInfoUri);
	}

	URI invalidateToken() {
		return URI.create(this.invalidateTokenUri);
	}

}
