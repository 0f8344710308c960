package io.github.oauthsignin.config;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProviderCredentialsEnvironmentPostProcessorTests {

	private final ProviderCredentialsEnvironmentPostProcessor processor = new ProviderCredentialsEnvironmentPostProcessor();

	@Test
	void postProcessWhenVariablesSetThenPropertiesFed() {
		StandardEnvironment environment = environment(Map.of("FACEBOOK_CLIENT_ID", "app-id", "FACEBOOK_CLIENT_SECRET",
				"app-secret", "TWITTER_CONSUMER_KEY", "key", "TWITTER_CONSUMER_SECRET", "secret"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.security.oauth2.client.registration.facebook.client-id"))
			.isEqualTo("app-id");
		assertThat(environment.getProperty("spring.security.oauth2.client.registration.facebook.client-secret"))
			.isEqualTo("app-secret");
		assertThat(environment.getProperty("signin.twitter.consumer-key")).isEqualTo("key");
		assertThat(environment.getProperty("signin.twitter.consumer-secret")).isEqualTo("secret");
	}

	@Test
	void postProcessWhenNothingSetThenNoRegistrationProperty() {
		StandardEnvironment environment = environment(Map.of());
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.containsProperty("spring.security.oauth2.client.registration.facebook.client-id"))
			.isFalse();
		assertThat(environment.getPropertySources()
			.contains(ProviderCredentialsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void postProcessWhenFacebookIdWithoutSecretThenStopsNamingTheSecret() {
		StandardEnvironment environment = environment(Map.of("FACEBOOK_CLIENT_ID", "app-id"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> this.processor.postProcessEnvironment(environment, new SpringApplication()))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("FACEBOOK_CLIENT_SECRET"))
			.withMessageStartingWith("FACEBOOK_CLIENT_SECRET is not set");
	}

	@Test
	void postProcessWhenTwitterSecretWithoutKeyThenStopsNamingTheKey() {
		StandardEnvironment environment = environment(Map.of("TWITTER_CONSUMER_SECRET", "secret"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> this.processor.postProcessEnvironment(environment, new SpringApplication()))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("TWITTER_CONSUMER_KEY"));
	}

	@Test
	void postProcessWhenPropertyAlreadySetThenItWins() {
		StandardEnvironment environment = environment(Map.of("FACEBOOK_CLIENT_ID", "from-env",
				"FACEBOOK_CLIENT_SECRET", "secret", "spring.security.oauth2.client.registration.facebook.client-id",
				"from-property"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.security.oauth2.client.registration.facebook.client-id"))
			.isEqualTo("from-property");
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addLast(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
		return environment;
	}

}
