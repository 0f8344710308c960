package io.github.oauthsignin.signin.oauth2;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.signin.CredentialSettings;
import io.github.oauthsignin.user.SignInProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConfiguredRegistrationTests {

	private static final String TEMPLATE = "{baseUrl}/callback/{registrationId}";

	private static final Map<String, Object> DISCOVERY = Map.of("issuer", "https://id.example/realms/acme",
			"authorization_endpoint", "https://id.example/realms/acme/auth", "token_endpoint",
			"https://id.example/realms/acme/token", "userinfo_endpoint", "https://id.example/realms/acme/userinfo",
			"jwks_uri", "https://id.example/realms/acme/certs", "response_types_supported", List.of("code"),
			"subject_types_supported", List.of("public"), "id_token_signing_alg_values_supported", List.of("RS256"),
			"token_endpoint_auth_methods_supported", List.of("client_secret_post"));

	@Test
	void buildWhenPlainOAuth2WithEverythingThenTheCallbackTemplateAndPkce() {
		ClientRegistration built = configured("plain", plainProvider()).build(null);
		assertThat(built.getRedirectUri()).isEqualTo(TEMPLATE);
		assertThat(built.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(built.getClientName()).isEqualTo("plain");
		assertThat(built.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
	}

	@Test
	void buildWhenPlainOAuth2WithoutUserInfoUriThenNamesThatSetting() {
		OAuth2ClientProperties.Provider provider = plainProvider();
		provider.setUserInfoUri(null);
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> configured("plain", provider).build(null))
			.satisfies((ex) -> assertThat(ex.getSetting())
				.isEqualTo("spring.security.oauth2.client.provider.plain.user-info-uri"));
	}

	@Test
	void buildWhenPlainOAuth2WithoutUserNameAttributeThenNamesThatSetting() {
		OAuth2ClientProperties.Provider provider = plainProvider();
		provider.setUserNameAttribute(null);
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> configured("plain", provider).build(null))
			.satisfies((ex) -> assertThat(ex.getSetting())
				.isEqualTo("spring.security.oauth2.client.provider.plain.user-name-attribute"));
	}

	@Test
	void buildWhenOpenIdWithoutIssuerThenNamesIssuerUriBecauseIssCouldNotBeChecked() {
		OAuth2ClientProperties.Provider provider = plainProvider();
		provider.setJwkSetUri("https://id.example/keys");
		OAuth2ClientProperties.Registration registration = registration();
		registration.setScope(Set.of("openid", "profile"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new ConfiguredRegistration("plain", null, registration, provider,
					new MockEnvironment(), TEMPLATE)
				.build(null))
			.satisfies((ex) -> assertThat(ex.getSetting())
				.isEqualTo("spring.security.oauth2.client.provider.plain.issuer-uri"));
	}

	@Test
	void newWhenSecretMissingThenNamesTheSecret() {
		OAuth2ClientProperties.Registration registration = registration();
		registration.setClientSecret(null);
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new ConfiguredRegistration("plain", null, registration, plainProvider(),
					new MockEnvironment(), TEMPLATE))
			.satisfies((ex) -> assertThat(ex.getSetting())
				.isEqualTo("spring.security.oauth2.client.registration.plain.client-secret"));
	}

	@Test
	void newWhenIdCannotNameAProviderThenRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> configured("Microsoft-Entra-ID-Workforce", plainProvider()))
			.satisfies((ex) -> assertThat(ex.getSetting())
				.isEqualTo("spring.security.oauth2.client.registration.Microsoft-Entra-ID-Workforce"));
	}

	@Test
	void buildWhenDiscoveredThenEndpointsFromTheDocumentAndPropertiesWinOverIt() {
		OAuth2ClientProperties.Provider provider = new OAuth2ClientProperties.Provider();
		provider.setIssuerUri("https://id.example/realms/acme");
		provider.setTokenUri("https://proxy.example/token");
		ConfiguredRegistration acme = configured("acme", provider);
		assertThat(acme.issuer()).contains("https://id.example/realms/acme");
		ClientRegistration built = acme.build(DISCOVERY);
		assertThat(built.getProviderDetails().getAuthorizationUri()).isEqualTo("https://id.example/realms/acme/auth");
		assertThat(built.getProviderDetails().getTokenUri()).isEqualTo("https://proxy.example/token");
		assertThat(built.getProviderDetails().getJwkSetUri()).isEqualTo("https://id.example/realms/acme/certs");
		assertThat(built.getProviderDetails().getIssuerUri()).isEqualTo("https://id.example/realms/acme");
		assertThat(built.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		assertThat(built.getScopes()).containsExactlyInAnyOrder("openid", "profile", "email");
	}

	@Test
	void buildWhenPresetThenItsDefaultsAndItsVariablesAndPropertiesOverride() {
		MockEnvironment environment = new MockEnvironment().withProperty("DEMO_CLIENT_ID", "from-variable")
			.withProperty("DEMO_CLIENT_SECRET", "secret");
		OAuth2ClientProperties.Provider provider = new OAuth2ClientProperties.Provider();
		provider.setTokenUri("http://127.0.0.1:9/token");
		ClientRegistration built = new ConfiguredRegistration("demo", new DemoPreset(),
				new OAuth2ClientProperties.Registration(), provider, environment, TEMPLATE)
			.build(null);
		assertThat(built.getClientId()).isEqualTo("from-variable");
		assertThat(built.getClientName()).isEqualTo("Demo");
		assertThat(built.getProviderDetails().getAuthorizationUri()).isEqualTo("https://demo.example/authorize");
		assertThat(built.getProviderDetails().getTokenUri()).isEqualTo("http://127.0.0.1:9/token");
	}

	private static ConfiguredRegistration configured(String id, OAuth2ClientProperties.Provider provider) {
		return new ConfiguredRegistration(id, null, registration(), provider, new MockEnvironment(), TEMPLATE);
	}

	private static OAuth2ClientProperties.Registration registration() {
		OAuth2ClientProperties.Registration registration = new OAuth2ClientProperties.Registration();
		registration.setClientId("client");
		registration.setClientSecret("secret");
		return registration;
	}

	private static OAuth2ClientProperties.Provider plainProvider() {
		OAuth2ClientProperties.Provider provider = new OAuth2ClientProperties.Provider();
		provider.setAuthorizationUri("https://plain.example/authorize");
		provider.setTokenUri("https://plain.example/token");
		provider.setUserInfoUri("https://plain.example/me");
		provider.setUserNameAttribute("id");
		return provider;
	}

	private static final class DemoPreset implements OAuth2Preset {

		@Override
		public String id() {
			return "demo";
		}

		@Override
		public String displayName() {
			return "Demo";
		}

		@Override
		public List<CredentialSettings> credentials() {
			return List.of(new CredentialSettings("DEMO_CLIENT_ID", "DEMO_CLIENT_SECRET",
					"spring.security.oauth2.client.registration.demo.client-id",
					"spring.security.oauth2.client.registration.demo.client-secret"));
		}

		@Override
		public ClientRegistration.Builder registration(String registrationId) {
			return ClientRegistration.withRegistrationId(registrationId)
				.authorizationUri("https://demo.example/authorize")
				.tokenUri("https://demo.example/token")
				.userInfoUri("https://demo.example/me")
				.userNameAttributeName("id");
		}

		@Override
		public ProfileMapper profileMapper() {
			return (provider, user) -> SignInProfile.of(provider.id(), user.getName(), null, null, "x");
		}

	}

}
