package io.github.oauthsignin.session;

/**
 * The sessions a person is signed in with, in every browser, wherever this app keeps its sessions. The principal
 * name is the user id ({@code SignedInUser}).
 */
public interface SignedInSessions {

	/** How many sessions are signed in as this principal. */
	int count(String principalName);

	/** Ends every session signed in as this principal: each browser is signed out at its next request. */
	void removeAll(String principalName);

}
