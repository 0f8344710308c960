package io.github.oauthsignin.signin;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * A sign-in that has been started and waits for the provider's redirect back.
 * <p>
 * It is kept server-side ({@link PendingAttemptStore}: in memory, or in the database), never in a cookie, a URL or a
 * page, because it may hold secrets such as an OAuth 1.0a request token secret or a PKCE verifier.
 * @param providerId the {@link SignInProvider#id()} that started it
 * @param key what the callback must echo to be matched with this attempt (OAuth 2 state, OAuth 1.0a request token)
 * @param redirectUri where to send the browser now (the provider's consent page)
 * @param protocolState what the provider needs to finish it, opaque to everyone else
 */
public record PendingSignIn(String providerId, String key, URI redirectUri, Serializable protocolState)
		implements Serializable {

	public PendingSignIn {
		Objects.requireNonNull(providerId, "providerId");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(redirectUri, "redirectUri");
		Objects.requireNonNull(protocolState, "protocolState");
	}

	/**
	 * The protocol state, as the type its provider stored.
	 * @throws NoPendingSignInException when it is of another type (an attempt stored by an older version)
	 */
	public <T extends Serializable> T protocolState(Class<T> type) {
		if (!type.isInstance(this.protocolState)) {
			throw new NoPendingSignInException(this.providerId);
		}
		return type.cast(this.protocolState);
	}

	@Override
	public String toString() {
		// The protocol state may hold secrets: keep it out of logs.
		return "PendingSignIn[providerId=" + this.providerId + "]";
	}

}
