package io.github.oauthsignin.providers.x;

import java.util.List;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.signin.CallbackUris;
import io.github.oauthsignin.signin.CredentialSettings.Credentials;
import io.github.oauthsignin.signin.SignInMetrics;
import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.signin.SignInProviderSource;
import io.github.oauthsignin.signin.oauth1.OAuth1Client;
import io.github.oauthsignin.signin.oauth1.OAuth1SignInProvider;

/**
 * X over OAuth 1.0a, when {@code TWITTER_CONSUMER_KEY} and {@code TWITTER_CONSUMER_SECRET} are set. X also speaks
 * OAuth 2.0 ({@link XPreset}); both pairs at once would make two providers named {@code twitter}, so the app refuses
 * to start and says which four variables clash.
 */
@Configuration(proxyBeanMethods = false)
class XOAuth1Configuration {

	@Bean
	SignInProviderSource xOAuth1SignInProvider(XPreset x, Environment environment, TwitterProperties properties,
			CallbackUris callbackUris, RestClient.Builder http, SignInMetrics metrics) {
		Optional<Credentials> credentials = XPreset.OAUTH1.resolve(environment);
		if (credentials.isEmpty()) {
			return List::of;
		}
		if (XPreset.OAUTH2.isSet(environment)) {
			throw new InvalidSettingException(XPreset.OAUTH2.idVariable(),
					"and " + XPreset.OAUTH2.secretVariable() + " (X over OAuth 2.0) are set, and so are "
							+ XPreset.OAUTH1.idVariable() + " and " + XPreset.OAUTH1.secretVariable()
							+ " (X over OAuth 1.0a): X signs people in one way; unset one pair");
		}
		OAuth1Client client = new OAuth1Client(XPreset.ID, credentials.get().id(), credentials.get().secret(),
				new OAuth1Client.Endpoints(properties.requestToken(), properties.authorize(),
						properties.accessToken(), properties.invalidateToken()),
				http.build(), VerifyCredentials::describeErrors, metrics);
		SignInProvider provider = new OAuth1SignInProvider(x, client, callbackUris, properties.userInfo(),
				VerifyCredentials::toProfile);
		return () -> List.of(provider);
	}

}
