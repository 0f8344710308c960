package io.github.oauthsignin.account;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.github.oauthsignin.user.SocialId;
import io.github.oauthsignin.user.User;
import io.github.oauthsignin.user.UserRepository;

/**
 * Deletes a person's account and everything tied to it, or only signs them out everywhere. Used by the account
 * page and by the provider's own callbacks (Facebook's data deletion and deauthorization).
 * <p>
 * What is tied to a user, all keyed by the user id as text (the name of {@code SignedInUser}):
 * <ul>
 * <li>their sessions, in every browser and on every instance: the rows of {@code spring_session} whose
 * {@code principal_name} is the id (their attributes go with them, {@code on delete cascade});</li>
 * <li>their "Keep me signed in" tokens: the rows of {@code persistent_logins} whose {@code username} is the id;</li>
 * <li>the {@code users} row itself.</li>
 * </ul>
 * Sessions are deleted with one statement rather than through Spring Session's
 * {@code FindByIndexNameSessionRepository}: that one would load and deserialize every session first (which fails
 * for a session written by an older version of the app) and delete each in a transaction of its own, whereas here
 * everything goes in one transaction, or nothing does. The table is ours: the Flyway migration creates it.
 * <p>
 * Sign-ins are revoked before the row goes, so that a failure half-way never leaves a deleted person signed in.
 * Deleting someone who is already gone is not an error: it revokes whatever is left and says nobody was deleted.
 */
@Service
public class AccountDeletion {

	private final UserRepository users;

	private final PersistentTokenRepository rememberMeTokens;

	private final JdbcTemplate jdbc;

	AccountDeletion(UserRepository users, PersistentTokenRepository rememberMeTokens, JdbcTemplate jdbc) {
		this.users = users;
		this.rememberMeTokens = rememberMeTokens;
		this.jdbc = jdbc;
	}

	/**
	 * Deletes the user with this id, their sessions and their remember-me tokens.
	 * @return whether there was such a user
	 */
	@Transactional
	public boolean delete(long userId) {
		signOutEverywhere(userId);
		return this.users.deleteUserById(userId) > 0;
	}

	/**
	 * Deletes the user with this social id ({@code provider$id}), their sessions and their remember-me tokens.
	 * @return whether there was such a user
	 */
	@Transactional
	public boolean deleteBySocialId(SocialId socialId) {
		return userIdOf(socialId).map(this::delete).orElse(false);
	}

	/**
	 * Signs the user with this id out of every browser: every session and every remember-me token goes; the
	 * account stays, and signing in again works as before.
	 */
	@Transactional
	public void signOutEverywhere(long userId) {
		String principalName = Long.toString(userId);
		this.jdbc.update("delete from spring_session where principal_name = ?", principalName);
		this.rememberMeTokens.removeUserTokens(principalName);
	}

	/**
	 * Signs the user with this social id out of every browser, keeping the account.
	 * @return whether there is such a user
	 */
	@Transactional
	public boolean signOutEverywhereBySocialId(SocialId socialId) {
		Optional<Long> userId = userIdOf(socialId);
		userId.ifPresent(this::signOutEverywhere);
		return userId.isPresent();
	}

	private Optional<Long> userIdOf(SocialId socialId) {
		return this.users.findBySocialId(socialId).map(User::getId);
	}

}
