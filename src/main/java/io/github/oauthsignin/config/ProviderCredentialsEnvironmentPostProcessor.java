package io.github.oauthsignin.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Feeds the provider credentials from their short environment variables ({@code FACEBOOK_CLIENT_ID}, …) into the
 * properties that configure them, and stops start-up when a provider is configured by half.
 * <p>
 * The mapping cannot be a {@code ${FACEBOOK_CLIENT_ID:}} placeholder in {@code application.properties}: Spring
 * Boot refuses an OAuth 2 registration with an empty client id, and a provider without credentials must simply
 * be off. So a property is added only when its variable is set (and the property itself is not).
 */
class ProviderCredentialsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "signInProviderCredentials";

	/** Each provider's id and secret: the environment variable and the property it feeds. */
	static final List<List<Credential>> PROVIDERS = List.of(
			List.of(new Credential("FACEBOOK_CLIENT_ID", "spring.security.oauth2.client.registration.facebook.client-id"),
					new Credential("FACEBOOK_CLIENT_SECRET",
							"spring.security.oauth2.client.registration.facebook.client-secret")),
			List.of(new Credential("TWITTER_CONSUMER_KEY", "signin.twitter.consumer-key"),
					new Credential("TWITTER_CONSUMER_SECRET", "signin.twitter.consumer-secret")));

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> mapped = new LinkedHashMap<>();
		for (List<Credential> credentials : PROVIDERS) {
			for (Credential credential : credentials) {
				String value = environment.getProperty(credential.variable());
				if (StringUtils.hasText(value) && !StringUtils.hasText(environment.getProperty(credential.property()))) {
					mapped.put(credential.property(), value);
				}
			}
		}
		if (!mapped.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, mapped));
		}
		for (List<Credential> credentials : PROVIDERS) {
			checkComplete(environment, credentials);
		}
	}

	/** Either every credential of a provider is set, or none is. */
	private static void checkComplete(ConfigurableEnvironment environment, List<Credential> credentials) {
		boolean anySet = credentials.stream().anyMatch((credential) -> credential.isSet(environment));
		if (anySet) {
			for (Credential credential : credentials) {
				if (!credential.isSet(environment)) {
					throw new InvalidSettingException(credential.variable(),
							"is not set, but the rest of its provider is (or set " + credential.property() + ")");
				}
			}
		}
	}

	@Override
	public int getOrder() {
		// After application.properties and the other property sources are in place.
		return Ordered.LOWEST_PRECEDENCE;
	}

	record Credential(String variable, String property) {

		boolean isSet(ConfigurableEnvironment environment) {
			return StringUtils.hasText(environment.getProperty(this.property));
		}

	}

}
