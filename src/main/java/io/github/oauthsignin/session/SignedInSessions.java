package io.github.oauthsignin.session;

import java.util.function.Predicate;

import org.springframework.security.core.Authentication;

/**
 * The sessions a person is signed in with, in every browser, wherever this app keeps its sessions. The principal
 * name is the user id ({@code SignedInUser}). Ending a session here signs its browser out at its next request, on
 * every instance (sessions in the database), or on this one (sessions in its memory, one instance only).
 */
public interface SignedInSessions {

	/** How many sessions are signed in as this principal. */
	int count(String principalName);

	/** Ends every session signed in as this principal. */
	void removeAll(String principalName);

	/** Ends every session signed in as this principal but the one with this id (the browser asking). */
	void removeAllExcept(String principalName, String keptSessionId);

	/**
	 * Ends the sessions signed in as this principal whose sign-in this test picks, and those whose sign-in cannot be
	 * read (written by another version of the app).
	 */
	void removeIf(String principalName, Predicate<Authentication> signIn);

}
