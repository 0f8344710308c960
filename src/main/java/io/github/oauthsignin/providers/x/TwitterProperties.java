package io.github.oauthsignin.signin.twitter;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.config.Urls;

/**
 * Twitter (X) settings. The consumer key and secret come from {@code TWITTER_CONSUMER_KEY} and
 * {@code TWITTER_CONSUMER_SECRET}; the endpoints default to X's own and are overridden for tests and stand-ins.
 * @param consumerKey the app's consumer (API) key; Twitter sign-in is off without it
 * @param consumerSecret the app's consumer (API) secret
 * @param requestTokenUri where request tokens are obtained
 * @param authorizeUri where the browser is sent to approve ({@code /oauth/authenticate}: no re-approval once granted)
 * @param accessTokenUri where the approved request token is exchanged for an access token
 * @param userInfoUri the profile; its own query parameters are kept and signed
 */
@ConfigurationProperties("signin.twitter")
public record TwitterProperties(String consumerKey, String consumerSecret,
		@DefaultValue("https://api.x.com/oauth/request_token") String requestTokenUri,
		@DefaultValue("https://api.x.com/oauth/authenticate") String authorizeUri,
		@DefaultValue("https://api.x.com/oauth/access_token") String accessTokenUri,
		@DefaultValue("https://api.x.com/1.1/account/verify_credentials.json?include_email=true&skip_status=true") String userInfoUri) {

	private static final String PREFIX = "signin.twitter.";

	public TwitterProperties {
		check("request-token-uri", requestTokenUri);
		check("authorize-uri", authorizeUri);
		check("access-token-uri", accessTokenUri);
		check("user-info-uri", userInfoUri);
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

	private static void check(String name, String value) {
		if (Urls.parseWebUrl(value) == null) {
			throw new InvalidSettingException(PREFIX + name, "is not an absolute http(s) URL: '" + value + "'");
		}
	}

	@Override
	public String toString() {
		return "TwitterProperties[consumerKey=" + this.consumerKey + ", requestTokenUri=" + this.requestTokenUri
				+ ", authorizeUri=" + this.authorizeUri + ", accessTokenUri=" + this.accessTokenUri + ", userInfoUri="
				+ this.userInfoUri + "]";
	}

}
