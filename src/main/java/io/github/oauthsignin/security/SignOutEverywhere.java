package io.github.oauthsignin.security;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.session.SignedInSessions;
import io.github.oauthsignin.user.SessionVersions;

/**
 * Ends a person's sign-ins, in every browser and on every instance: their sessions (wherever they are kept,
 * {@link SignedInSessions}) and their "Keep me signed in" tokens. Ending all of them also replaces the account's
 * session version ({@link SessionVersions}), so that no session made before counts again, wherever it is kept.
 * Each method joins the caller's transaction, if any.
 */
@Component
public class SignOutEverywhere {

	private final SessionVersions versions;

	private final SignedInSessions sessions;

	private final RememberMeTokens tokens;

	SignOutEverywhere(SessionVersions versions, SignedInSessions sessions, RememberMeTokens tokens) {
		this.versions = versions;
		this.sessions = sessions;
		this.tokens = tokens;
	}

	/** Ends every session and token of this account. */
	@Transactional
	public void all(long userId) {
		String principalName = Long.toString(userId);
		this.versions.renew(userId);
		this.sessions.removeAll(principalName);
		this.tokens.removeUserTokens(principalName);
	}

	/**
	 * Ends every session but this browser's, and every token, of this account; this browser's session then carries
	 * an outdated session version: sign it in again ({@link SessionSignIn#again}).
	 */
	@Transactional
	public void allBut(long userId, String keptSessionId) {
		String principalName = Long.toString(userId);
		this.versions.renew(userId);
		this.sessions.removeAllExcept(principalName, keptSessionId);
		this.tokens.removeUserTokens(principalName);
	}

	/**
	 * Ends the sessions and tokens of this account that were signed in through this provider (which was just
	 * disconnected), and those whose way in is unknown.
	 */
	@Transactional
	public void signedInThrough(long userId, String provider) {
		String principalName = Long.toString(userId);
		this.sessions.removeIf(principalName, (authentication) -> !(authentication
			.getPrincipal() instanceof SignedInUser user) || user.wayIn() == null || provider.equals(user.wayIn()));
		this.tokens.removeUserTokensThrough(principalName, provider);
		this.versions.changed(userId);
	}

}
