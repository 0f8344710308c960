package io.github.oauthsignin.signin;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A sign-in (or a connection) started in one browser, and what the app does once the provider sends that browser
 * back. Kept server-side by a {@link PendingAttemptStore} until then, never in a cookie, a URL or a page, because its
 * {@link PendingSignIn} may hold secrets (a PKCE verifier, an OAuth 1.0a request token secret).
 * @param pending the provider's part
 * @param returnTo the same-origin path to go to after signing in
 * @param rememberMe whether the person asked to stay signed in
 * @param linkingUserId for an attempt to connect an identity, the account it is for; null for a sign-in
 * @param linkingSession for an attempt to connect an identity, a digest of the id of the signed-in session that
 * started it; null for a sign-in
 * @param startedAt when it began
 */
public record PendingAttempt(PendingSignIn pending, String returnTo, boolean rememberMe, Long linkingUserId,
		String linkingSession, Instant startedAt) implements Serializable {

	public PendingAttempt {
		Objects.requireNonNull(pending, "pending");
		Objects.requireNonNull(returnTo, "returnTo");
		Objects.requireNonNull(startedAt, "startedAt");
	}

	/** Whether this attempt connects an identity to an account rather than signing someone in. */
	public boolean isLink() {
		return this.linkingUserId != null;
	}

	@Override
	public String toString() {
		return "PendingAttempt[providerId=" + this.pending.providerId() + ", link=" + isLink() + "]";
	}

}
