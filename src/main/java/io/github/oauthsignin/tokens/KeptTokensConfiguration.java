package io.github.oauthsignin.tokens;

import java.time.Clock;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.signin.SignInProperties;
import io.github.oauthsignin.signin.SignInProviders;

/**
 * Kept provider tokens, on Spring Security's own interfaces: the {@link OAuth2AuthorizedClientService} bean (Spring
 * Boot then skips its in-memory one and wraps this one in its {@code OAuth2AuthorizedClientRepository}; Spring
 * Security builds its {@code OAuth2AuthorizedClientManager} on that, with the refresh-token client of
 * {@code OAuth2SignInConfiguration}), the OAuth 1.0a counterpart, and {@link KeptTokens} for the account.
 * <p>
 * Keeping tokens needs {@code SIGNIN_TOKENS_KEY}: without it, a provider with {@code keep-tokens=true} stops the
 * start with a message naming the variable.
 */
@Configuration(proxyBeanMethods = false)
class KeptTokensConfiguration {

	@Bean
	TokenCipher tokenCipher(TokenEncryptionProperties keys, SignInProperties properties) {
		List<String> keeping = properties.providersKeepingTokens()
			.stream()
			.map((id) -> "signin.providers." + id + ".keep-tokens")
			.toList();
		if (keys.key() == null || keys.key().isBlank()) {
			if (!keeping.isEmpty()) {
				throw new InvalidSettingException(TokenEncryptionProperties.KEY_VARIABLE,
						"is not set, and " + String.join(", ", keeping) + " asks to keep tokens, which are stored "
								+ "encrypted with it: set it to 32 random bytes in Base64 (openssl rand -base64 32)");
			}
			return TokenCipher.none();
		}
		return TokenCipher.of(keys.key(), keys.previousKey());
	}

	@Bean
	OAuth2AuthorizedClientService authorizedClientService(JdbcTemplate jdbc,
			ClientRegistrationRepository registrations, SignInProperties properties, TokenCipher cipher) {
		JdbcOAuth2AuthorizedClientService rows = new JdbcOAuth2AuthorizedClientService(jdbc, registrations);
		EncryptedAuthorizedClientRows encrypted = new EncryptedAuthorizedClientRows(cipher, registrations);
		rows.setAuthorizedClientRowMapper(encrypted);
		rows.setAuthorizedClientParametersMapper(encrypted::parameters);
		return new KeptOAuth2AuthorizedClientService(rows, properties::keepsTokens);
	}

	@Bean
	KeptOAuth1Tokens keptOAuth1Tokens(JdbcTemplate jdbc, TokenCipher cipher, SignInProperties properties,
			Clock clock) {
		return new KeptOAuth1Tokens(jdbc, cipher, properties::keepsTokens, clock);
	}

	@Bean
	RevocationRetries revocationRetries(JdbcTemplate jdbc, TokenCipher cipher, SignInProviders providers, Clock clock) {
		return new RevocationRetries(jdbc, cipher, providers, clock);
	}

	@Bean
	KeptTokens keptTokens(SignInProperties properties, OAuth2AuthorizedClientService authorizedClientService,
			KeptOAuth1Tokens oauth1, ClientRegistrationRepository registrations, SignInProviders providers,
			JdbcTemplate jdbc, RevocationRetries retries) {
		return new KeptTokens(properties, authorizedClientService, oauth1, registrations,
				new ProviderRevocations(providers, retries), jdbc);
	}

}
