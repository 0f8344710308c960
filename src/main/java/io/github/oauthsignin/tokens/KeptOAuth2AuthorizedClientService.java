package io.github.oauthsignin.tokens;

import java.util.function.Predicate;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

/**
 * The app's {@link OAuth2AuthorizedClientService}: Spring Security's JDBC one on its {@code oauth2_authorized_client}
 * table, tokens encrypted ({@link EncryptedAuthorizedClientRows}), and only for the providers whose tokens the
 * operator asked to keep ({@code signin.providers.<id>.keep-tokens=true}): for any other, nothing is saved or loaded.
 * <p>
 * Keyed as {@code @RegisteredOAuth2AuthorizedClient} and {@code OAuth2ClientHttpRequestInterceptor} look clients up:
 * by registration id and the principal's name, which is the user id ({@code SignedInUser#getName}). Spring Boot wraps
 * it in its {@code AuthenticatedPrincipalOAuth2AuthorizedClientRepository}, and Spring Security's
 * {@code OAuth2AuthorizedClientManager} refreshes expired tokens and writes the new ones back here.
 */
final class KeptOAuth2AuthorizedClientService implements OAuth2AuthorizedClientService {

	private final JdbcOAuth2AuthorizedClientService rows;

	private final Predicate<String> keepsTokens;

	KeptOAuth2AuthorizedClientService(JdbcOAuth2AuthorizedClientService rows, Predicate<String> keepsTokens) {
		this.rows = rows;
		this.keepsTokens = keepsTokens;
	}

	@Override
	public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
			String principalName) {
		return this.keepsTokens.test(clientRegistrationId)
				? this.rows.loadAuthorizedClient(clientRegistrationId, principalName) : null;
	}

	/**
	 * Saves (replaces) the client. Spring's service looks before it inserts, so that two sign-ins of one person at
	 * the same moment may both insert: the loser looks again and updates. A row that no configured key reads looks
	 * absent too, and clashes again: it is replaced.
	 */
	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
		String registrationId = authorizedClient.getClientRegistration().getRegistrationId();
		if (!this.keepsTokens.test(registrationId)) {
			return;
		}
		try {
			this.rows.saveAuthorizedClient(authorizedClient, principal);
		}
		catch (DataIntegrityViolationException clash) {
			try {
				this.rows.saveAuthorizedClient(authorizedClient, principal);
			}
			catch (DataIntegrityViolationException unreadable) {
				this.rows.removeAuthorizedClient(registrationId, principal.getName());
				this.rows.saveAuthorizedClient(authorizedClient, principal);
			}
		}
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, String principalName) {
		this.rows.removeAuthorizedClient(clientRegistrationId, principalName);
	}

}
