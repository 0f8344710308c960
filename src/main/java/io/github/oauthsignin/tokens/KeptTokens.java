package io.github.oauthsignin.tokens;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

import io.github.oauthsignin.signin.CredentialsKeeper;
import io.github.oauthsignin.signin.ProviderCredentials;
import io.github.oauthsignin.signin.SignInProperties;
import io.github.oauthsignin.signin.oauth1.OAuth1AuthorizedClient;

/**
 * The tokens kept for people, as their account sees them: kept (replaced) at each sign-in and connection with a
 * provider whose {@code signin.providers.<id>.keep-tokens} is on, listed on the account page, and forgotten (deleted,
 * and revoked at the provider where it offers revocation) when the person presses "Forget", disconnects the provider or
 * deletes their account. For a provider that keeps no tokens none of this touches the database.
 * <p>
 * A revocation is a call to the provider; it is made once the deletion is committed, and a failed one is logged and
 * never undoes or blocks the deletion: the tokens are gone here either way.
 */
public class KeptTokens implements CredentialsKeeper {

	private static final Logger logger = LoggerFactory.getLogger(KeptTokens.class);

	private final SignInProperties properties;

	private final OAuth2AuthorizedClientService oauth2;

	private final KeptOAuth1Tokens oauth1;

	private final ClientRegistrationRepository registrations;

	private final ProviderRevocations revocations;

	private final JdbcTemplate jdbc;

	private final boolean anyKept;

	KeptTokens(SignInProperties properties, OAuth2AuthorizedClientService oauth2, KeptOAuth1Tokens oauth1,
			ClientRegistrationRepository registrations, ProviderRevocations revocations, JdbcTemplate jdbc) {
		this.properties = properties;
		this.oauth2 = oauth2;
		this.oauth1 = oauth1;
		this.registrations = registrations;
		this.revocations = revocations;
		this.jdbc = jdbc;
		this.anyKept = !properties.providersKeepingTokens().isEmpty();
	}

	/** Whether any provider keeps tokens; when none does, nothing here queries the database. */
	public boolean anyKept() {
		return this.anyKept;
	}

	@Override
	public void keep(long userId, String providerId, ProviderCredentials credentials) {
		if (!this.properties.keepsTokens(providerId)) {
			return;
		}
		String principalName = principalName(userId);
		if (credentials instanceof ProviderCredentials.OAuth2 tokens) {
			ClientRegistration registration = this.registrations.findByRegistrationId(providerId);
			OAuth2AccessToken accessToken = withSeparateScopes(tokens.accessToken());
			OAuth2RefreshToken refreshToken = (tokens.refreshToken() != null) ? tokens.refreshToken()
					: refreshTokenKept(providerId, principalName);
			this.oauth2.saveAuthorizedClient(
					new OAuth2AuthorizedClient(registration, principalName, accessToken, refreshToken),
					new PreAuthenticatedAuthenticationToken(principalName, null));
		}
		else if (credentials instanceof ProviderCredentials.OAuth1 token) {
			this.oauth1.save(providerId, principalName, token);
		}
	}

	/** What is kept for this account, one entry per provider, for the account page. */
	public List<Kept> keptFor(long userId) {
		if (!this.anyKept) {
			return List.of();
		}
		String principalName = principalName(userId);
		List<Kept> kept = new ArrayList<>(this.jdbc.query(
				"select client_registration_id, access_token_scopes, created_at from oauth2_authorized_client "
						+ "where principal_name = ? order by created_at, client_registration_id",
				(row, index) -> new Kept(row.getString(1), scopes(row.getString(2)),
						row.getObject(3, OffsetDateTime.class).toInstant()),
				principalName));
		kept.addAll(this.jdbc.query("select client_registration_id, created_at from oauth1_authorized_client "
				+ "where principal_name = ? order by created_at, client_registration_id",
				(row, index) -> new Kept(row.getString(1), List.of(), row.getObject(2, OffsetDateTime.class).toInstant()),
				principalName));
		kept.removeIf((entry) -> !this.properties.keepsTokens(entry.providerId()));
		return kept;
	}

	/**
	 * Forgets what is kept for this account at this provider: deleted now, revoked at the provider once the
	 * caller's transaction (if any) commits.
	 * @return whether anything was kept
	 */
	public boolean forget(long userId, String providerId) {
		if (!this.properties.keepsTokens(providerId)) {
			return false;
		}
		List<Held> held = held(principalName(userId), List.of(providerId));
		delete(held);
		this.revocations.revokeAfterCommit(held);
		return !held.isEmpty();
	}

	/** Forgets everything kept for this account (it is being deleted), revoking it at the providers. */
	public void forgetAll(long userId) {
		if (!this.anyKept) {
			return;
		}
		String principalName = principalName(userId);
		List<String> providerIds = this.jdbc.queryForList(
				"select client_registration_id from oauth2_authorized_client where principal_name = ? union "
						+ "select client_registration_id from oauth1_authorized_client where principal_name = ?",
				String.class, principalName, principalName);
		List<Held> held = held(principalName, providerIds);
		this.jdbc.update("delete from oauth2_authorized_client where principal_name = ?", principalName);
		this.jdbc.update("delete from oauth1_authorized_client where principal_name = ?", principalName);
		this.revocations.revokeAfterCommit(held);
	}

	/** What is kept for this person at these providers, read (decrypted) for its revocation. */
	private List<Held> held(String principalName, List<String> providerIds) {
		List<Held> held = new ArrayList<>();
		for (String providerId : new LinkedHashSet<>(providerIds)) {
			ProviderCredentials credentials = readable(providerId, principalName);
			if (credentials != null || isKept(providerId, principalName)) {
				held.add(new Held(providerId, principalName, credentials));
			}
		}
		return held;
	}

	/**
	 * The credentials kept for this person at this provider, or null when there are none, or none that can be read:
	 * under a key no longer set, of a provider no longer configured, or of an issuer that cannot be reached now. Those
	 * are deleted without a revocation; a deletion never waits on a provider.
	 */
	private ProviderCredentials readable(String providerId, String principalName) {
		try {
			OAuth2AuthorizedClient client = this.oauth2.loadAuthorizedClient(providerId, principalName);
			if (client != null) {
				return new ProviderCredentials.OAuth2(client.getAccessToken(), client.getRefreshToken());
			}
			OAuth1AuthorizedClient oauth1Client = this.oauth1.loadAuthorizedClient(providerId, principalName);
			return (oauth1Client != null) ? oauth1Client.accessToken() : null;
		}
		catch (RuntimeException ex) {
			logger.warn("Kept {} tokens of user {} cannot be read for their revocation: {}", providerId, principalName,
					ex.getMessage());
			return null;
		}
	}

	private boolean isKept(String providerId, String principalName) {
		return this.jdbc.queryForObject("select (select count(*) from oauth2_authorized_client "
				+ "where client_registration_id = ? and principal_name = ?) + (select count(*) from "
				+ "oauth1_authorized_client where client_registration_id = ? and principal_name = ?)", Integer.class,
				providerId, principalName, providerId, principalName) > 0;
	}

	private void delete(List<Held> held) {
		for (Held one : held) {
			this.oauth2.removeAuthorizedClient(one.providerId(), one.principalName());
			this.oauth1.remove(one.providerId(), one.principalName());
		}
	}

	/** The same token with scopes one by one: GitHub answers {@code read:user,user:email} as a single scope. */
	private static OAuth2AccessToken withSeparateScopes(OAuth2AccessToken token) {
		Set<String> scopes = new LinkedHashSet<>();
		token.getScopes().forEach((scope) -> scopes.addAll(scopes(scope)));
		return new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), token.getIssuedAt(),
				token.getExpiresAt(), scopes);
	}

	private static List<String> scopes(String text) {
		return (text == null) ? List.of()
				: Arrays.stream(text.split("[,\\s]+")).filter((scope) -> !scope.isEmpty()).toList();
	}

	/** A refresh token is sent once (Google gives one at the first approval only): keep the one kept before. */
	private OAuth2RefreshToken refreshTokenKept(String providerId, String principalName) {
		OAuth2AuthorizedClient kept = this.oauth2.loadAuthorizedClient(providerId, principalName);
		return (kept != null) ? kept.getRefreshToken() : null;
	}

	private static String principalName(long userId) {
		return Long.toString(userId);
	}

	/**
	 * What is kept for an account at one provider.
	 * @param providerId the provider
	 * @param scopes the scopes granted (none for OAuth 1.0a, whose access is the app's permission at X)
	 * @param since when it was first kept
	 */
	public record Kept(String providerId, List<String> scopes, Instant since) {
	}

	/**
	 * Credentials read for their revocation.
	 * @param credentials null when they could not be read: deleted without a revocation
	 */
	record Held(String providerId, String principalName, ProviderCredentials credentials) {
	}

}
