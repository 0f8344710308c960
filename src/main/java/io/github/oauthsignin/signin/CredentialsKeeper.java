package io.github.oauthsignin.signin;

/**
 * Keeps the credentials of a finished sign-in or connection with the account they lead to, for the providers whose
 * operator asked for it ({@code signin.providers.<id>.keep-tokens=true}), and does nothing, not even a query, for the
 * others.
 */
public interface CredentialsKeeper {

	/**
	 * Keeps these credentials for this account's identity at this provider, replacing what was kept before.
	 * @param userId the account
	 * @param providerId the provider the credentials come from
	 * @param credentials what its answer gave
	 */
	void keep(long userId, String providerId, ProviderCredentials credentials);

}
