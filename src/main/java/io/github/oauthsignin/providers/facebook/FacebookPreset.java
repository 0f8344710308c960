package io.github.oauthsignin.signin.facebook;

import java.net.URI;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.config.Urls;
import io.github.oauthsignin.signin.ProviderSetup;

/**
 * Facebook is on when the registration {@code facebook} has a client id ({@code FACEBOOK_CLIENT_ID}); its
 * endpoints come from the standard {@code spring.security.oauth2.client.provider.facebook.*} properties, which
 * {@code application.properties} points at one pinned Graph API version.
 */
@Configuration(proxyBeanMethods = false)
class FacebookConfiguration {

	/** Set (by {@code FACEBOOK_CLIENT_ID}) when Facebook is on: its sign-in and its callbacks exist only then. */
	static final String ENABLED_PROPERTY = "spring.security.oauth2.client.registration.facebook.client-id";

	private static final String PROVIDER_PREFIX = "spring.security.oauth2.client.provider.facebook.";

	@Bean
	ProviderSetup facebookSetup() {
		return new ProviderSetup(FacebookSignInProvider.ID, "Facebook",
				List.of("FACEBOOK_CLIENT_ID", "FACEBOOK_CLIENT_SECRET"));
	}

	@Bean
	@ConditionalOnProperty(ENABLED_PROPERTY)
	FacebookSignInProvider facebookSignInProvider(ClientRegistrationRepository registrations,
			ClientHttpRequestFactory providerRequestFactory) {
		ClientRegistration registration = registrations.findByRegistrationId(FacebookSignInProvider.ID);
		if (registration == null) {
			throw new IllegalStateException("The client registration 'facebook' is missing");
		}
		checkEndpoint("authorization-uri", registration.getProviderDetails().getAuthorizationUri());
		checkEndpoint("token-uri", registration.getProviderDetails().getTokenUri());
		checkEndpoint("user-info-uri", registration.getProviderDetails().getUserInfoEndpoint().getUri());
		return new FacebookSignInProvider(registration, providerRequestFactory);
	}

	private static void checkEndpoint(String name, String value) {
		URI uri = Urls.parseWebUrl(value);
		if (uri == null) {
			throw new InvalidSettingException(PROVIDER_PREFIX + name,
					"is not an absolute http(s) URL: '" + value + "'");
		}
	}

}
