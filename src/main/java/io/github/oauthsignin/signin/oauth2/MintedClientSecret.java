package io.github.oauthsignin.signin.oauth2;

/**
 * A client secret the app makes itself rather than one the operator configures: Apple's, a JWT signed with the
 * team's private key, which expires and is made anew. The registration's own client secret is then only
 * {@link #PLACEHOLDER}: every call that authenticates the client (the token endpoint, refreshes, revocations) sends
 * {@link #current()} instead ({@link MintedClientSecretParameters}).
 */
@FunctionalInterface
public interface MintedClientSecret {

	/** What the registration holds as its client secret, which is never sent. */
	String PLACEHOLDER = "minted-per-request";

	/** The secret to send now. */
	String current();

}
