package io.github.oauthsignin.account;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.github.oauthsignin.passkey.PasskeyCredentials;
import io.github.oauthsignin.security.SignOutEverywhere;
import io.github.oauthsignin.tokens.KeptTokens;
import io.github.oauthsignin.user.Identity;
import io.github.oauthsignin.user.IdentityLinks;
import io.github.oauthsignin.user.IdentityLinks.Unlink;
import io.github.oauthsignin.user.IdentityRepository;
import io.github.oauthsignin.user.SignInHistory;
import io.github.oauthsignin.user.SocialId;
import io.github.oauthsignin.user.UserRepository;

/**
 * Deletes a person's account and everything tied to it, removes one of its identities, or only signs the person
 * out everywhere. Used by the account page and by a provider's own callbacks (Facebook's data deletion and
 * deauthorization).
 * <p>
 * What is tied to an account, all keyed by the user id (the name of {@code SignedInUser}):
 * <ul>
 * <li>its identities, the rows of {@code identities} ({@code on delete cascade} from {@code users});</li>
 * <li>its sign-in history, the rows of {@code sign_in_history} (the same cascade);</li>
 * <li>its sessions, in every browser and on every instance, wherever they are kept, and its "Keep me signed in"
 * tokens, the rows of {@code persistent_logins} whose {@code username} is the id ({@link SignOutEverywhere});</li>
 * <li>its passkeys, the rows of {@code user_credentials} under its {@code user_entities} row (named by the user id),
 * deleted here ({@link PasskeyCredentials#deleteAll});</li>
 * <li>its kept provider tokens ({@link KeptTokens}), revoked at the providers once the deletion is committed;</li>
 * <li>the {@code users} row itself.</li>
 * </ul>
 * Sign-ins are revoked before the row goes, so that a failure half-way never leaves a deleted person signed in.
 * Deleting someone who is already gone is not an error: it revokes whatever is left and says nobody was deleted.
 */
@Service
public class AccountDeletion {

	private final UserRepository users;

	private final IdentityRepository identities;

	private final IdentityLinks links;

	private final SignOutEverywhere signOut;

	private final SignInHistory history;

	private final KeptTokens keptTokens;

	private final PasskeyCredentials passkeys;

	AccountDeletion(UserRepository users, IdentityRepository identities, IdentityLinks links,
			SignOutEverywhere signOut, SignInHistory history, KeptTokens keptTokens, PasskeyCredentials passkeys) {
		this.users = users;
		this.identities = identities;
		this.links = links;
		this.signOut = signOut;
		this.history = history;
		this.keptTokens = keptTokens;
		this.passkeys = passkeys;
	}

	/**
	 * Deletes the user with this id, their identities, sessions and remember-me tokens.
	 * @return whether there was such a user
	 */
	@Transactional
	public boolean delete(long userId) {
		signOutEverywhere(userId);
		this.keptTokens.forgetAll(userId);
		this.passkeys.deleteAll(userId);
		return this.users.deleteUserById(userId) > 0;
	}

	/**
	 * Disconnects the account's identity at this provider, unless it is the account's only way in, and forgets the
	 * tokens kept for it (revoked at the provider once done).
	 * @return what disconnecting did
	 */
	@Transactional
	public Unlink disconnect(long userId, String provider) {
		Unlink unlink = this.links.unlink(userId, provider);
		if (unlink == Unlink.DISCONNECTED) {
			this.keptTokens.forget(userId, provider);
		}
		return unlink;
	}

	/**
	 * Removes this identity, what its provider gave, the tokens kept for it and the sign-ins made with it. When it was the account's only
	 * identity the account goes too, with its sessions and tokens; otherwise the account stays, reachable through its
	 * other providers, and shows a remaining identity's details. Either way the person is signed out everywhere: their sessions hold the
	 * name and picture they were signed in with, which may be the provider's.
	 * @return what was removed
	 */
	@Transactional
	public Removal removeIdentity(SocialId socialId) {
		Optional<Long> userId = userIdOf(socialId);
		if (userId.isEmpty()) {
			return Removal.NOTHING;
		}
		Unlink unlink = this.links.remove(userId.get(), socialId.provider());
		if (unlink == Unlink.WAS_THE_LAST) {
			delete(userId.get());
			return Removal.ACCOUNT;
		}
		if (unlink == Unlink.DISCONNECTED) {
			this.keptTokens.forget(userId.get(), socialId.provider());
			this.history.deleteByUserIdAndProvider(userId.get(), socialId.provider());
			signOutEverywhere(userId.get());
			return Removal.IDENTITY;
		}
		return Removal.NOTHING;
	}

	/**
	 * Signs the user with this id out of every browser: every session and every remember-me token goes; the
	 * account stays, and signing in again works as before.
	 */
	@Transactional
	public void signOutEverywhere(long userId) {
		this.signOut.all(userId);
	}

	/**
	 * Signs the account this identity leads to out of every browser, keeping the account.
	 * @return whether there is such an account
	 */
	@Transactional
	public boolean signOutEverywhereBySocialId(SocialId socialId) {
		Optional<Long> userId = userIdOf(socialId);
		userId.ifPresent(this::signOutEverywhere);
		return userId.isPresent();
	}

	private Optional<Long> userIdOf(SocialId socialId) {
		return this.identities.findWithUser(socialId).map(Identity::getUserId);
	}

	/** What removing an identity removed. */
	public enum Removal {

		/** Nobody had that identity. */
		NOTHING,

		/** The identity; its account stays with its other identities. */
		IDENTITY,

		/** The identity and its account, which had no other. */
		ACCOUNT

	}

}
