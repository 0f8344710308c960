package io.github.oauthsignin.signin;

import java.util.Optional;

/**
 * Where started sign-ins wait for the provider's answer: bounded in number and in time, whatever strangers do.
 * <p>
 * An attempt is filed under an id made from its provider and its key (the OAuth 2 {@code state}, the OAuth 1.0a
 * request token) and belongs to the browser that started it, named by a digest of its binding cookie
 * ({@link BrowserBinding}); both come as SHA-256 digests in hex ({@link PendingSignIns#digest}), never as the
 * secrets themselves. Every implementation:
 * <ul>
 * <li>hands an attempt out once, and only to the browser that started it (compared in constant time); another
 * browser finds nothing and the attempt stays;</li>
 * <li>forgets an attempt {@code signin.pending.timeout} after it started;</li>
 * <li>keeps at most {@code signin.pending.max-per-browser} attempts of one browser and
 * {@code signin.pending.max-total} of all browsers; past either the oldest goes first, so that a new start always
 * succeeds, the newest survives a flood, and an honest person's attempt is lost only when the limits say so;</li>
 * <li>counts what it holds and what it drops, in Micrometer ({@code signin.pending.attempts},
 * {@code signin.pending.dropped}).</li>
 * </ul>
 * The store is chosen with the sessions' ({@code signin.sessions.store}): in this instance's memory, or in the
 * database that every instance shares, so that an attempt started on one instance is finished on another.
 */
public interface PendingAttemptStore {

	/**
	 * Keeps this attempt until it is taken or expires.
	 * @param attemptId the digest of its provider and key
	 * @param browserId the digest of the binding cookie of the browser that started it
	 */
	void save(String attemptId, String browserId, PendingAttempt attempt);

	/**
	 * Removes and returns the attempt of this id, when this browser started it and it has not expired.
	 * @param attemptId the digest of the provider and the key the callback names
	 * @param browserId the digest of the binding cookie the callback carries
	 */
	Optional<PendingAttempt> take(String attemptId, String browserId);

	/**
	 * Forgets every attempt of this browser (it signed out).
	 * @param browserId the digest of the browser's binding cookie
	 */
	void forget(String browserId);

	/** How many attempts are kept now. */
	int size();

}
