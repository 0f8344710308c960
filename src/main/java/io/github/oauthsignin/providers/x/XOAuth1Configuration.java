package io.github.oauthsignin.signin.twitter;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;

import io.github.oauthsignin.signin.ProviderSetup;

/** Twitter is on when {@code signin.twitter.consumer-key} ({@code TWITTER_CONSUMER_KEY}) is set. */
@Configuration(proxyBeanMethods = false)
class TwitterConfiguration {

	@Bean
	ProviderSetup twitterSetup() {
		return new ProviderSetup(TwitterSignInProvider.ID, "Twitter",
				List.of("TWITTER_CONSUMER_KEY", "TWITTER_CONSUMER_SECRET"));
	}

	@Bean
	@ConditionalOnProperty("signin.twitter.consumer-key")
	TwitterSignInProvider twitterSignInProvider(TwitterProperties properties,
			ClientHttpRequestFactory providerRequestFactory) {
		return new TwitterSignInProvider(properties,
				new OAuth1Signer(properties.consumerKey(), properties.consumerSecret()), providerRequestFactory);
	}

}
