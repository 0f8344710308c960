package io.github.oauthsignin.signin;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.signin.CredentialSettings.Credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CredentialSettingsTests {

	private static final CredentialSettings FACEBOOK = new CredentialSettings("FACEBOOK_CLIENT_ID",
			"FACEBOOK_CLIENT_SECRET", "spring.security.oauth2.client.registration.facebook.client-id",
			"spring.security.oauth2.client.registration.facebook.client-secret");

	@Test
	void resolveWhenVariablesSetThenTheirValues() {
		StandardEnvironment environment = environment(
				Map.of("FACEBOOK_CLIENT_ID", "app-id", "FACEBOOK_CLIENT_SECRET", "app-secret"));
		assertThat(FACEBOOK.resolve(environment)).contains(new Credentials("app-id", "app-secret"));
		assertThat(FACEBOOK.isSet(environment)).isTrue();
	}

	@Test
	void resolveWhenNothingSetThenEmpty() {
		StandardEnvironment environment = environment(Map.of());
		assertThat(FACEBOOK.resolve(environment)).isEmpty();
		assertThat(FACEBOOK.isSet(environment)).isFalse();
	}

	@Test
	void resolveWhenIdWithoutSecretThenStopsNamingTheSecret() {
		StandardEnvironment environment = environment(Map.of("FACEBOOK_CLIENT_ID", "app-id"));
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> FACEBOOK.resolve(environment))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("FACEBOOK_CLIENT_SECRET"))
			.withMessageStartingWith("FACEBOOK_CLIENT_SECRET is not set");
	}

	@Test
	void resolveWhenSecretWithoutIdThenStopsNamingTheId() {
		StandardEnvironment environment = environment(Map.of("FACEBOOK_CLIENT_SECRET", "secret"));
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> FACEBOOK.resolve(environment))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("FACEBOOK_CLIENT_ID"));
	}

	@Test
	void resolveWhenPropertyAlsoSetThenThePropertyWins() {
		StandardEnvironment environment = environment(Map.of("FACEBOOK_CLIENT_ID", "from-env",
				"FACEBOOK_CLIENT_SECRET", "secret", "spring.security.oauth2.client.registration.facebook.client-id",
				"from-property"));
		assertThat(FACEBOOK.resolve(environment)).contains(new Credentials("from-property", "secret"));
	}

	@Test
	void credentialsWhenPrintedThenSecretHidden() {
		assertThat(new Credentials("id", "s3cr3t")).hasToString("Credentials[id=id, secret=<hidden>]");
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new HashMap<>(variables)));
		return environment;
	}

}
