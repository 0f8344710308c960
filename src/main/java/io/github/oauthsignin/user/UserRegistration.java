package io.github.oauthsignin.user;

import java.time.Clock;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the user a profile belongs to, or registers them on their first sign-in.
 * <p>
 * Two browsers may sign the same new person in at the same moment. Both look, find nobody and insert; the unique
 * {@code social_id} lets one insert win, and the loser's constraint violation is retried as a lookup, which then
 * finds the winner's row. Nobody sees the clash.
 */
@Service
public class UserRegistration {

	private static final int ATTEMPTS = 3;

	private final UserRepository users;

	private final TransactionTemplate transactions;

	private final Clock clock;

	UserRegistration(UserRepository users, PlatformTransactionManager transactionManager, Clock clock) {
		this.users = users;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** The user for this profile, refreshed with its nickname, email and picture, created if new. */
	public Registration findOrRegister(SignInProfile profile) {
		DataIntegrityViolationException clash = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try {
				return this.transactions.execute((status) -> findOrInsert(profile));
			}
			catch (DataIntegrityViolationException ex) {
				// Someone else registered this person between our lookup and our insert: look again.
				clash = ex;
			}
		}
		throw clash;
	}

	private Registration findOrInsert(SignInProfile profile) {
		return this.users.findBySocialId(profile.socialId()).map((user) -> {
			user.refresh(profile, this.clock.instant());
			return new Registration(user, false);
		}).orElseGet(() -> new Registration(this.users.saveAndFlush(new User(profile, this.clock.instant())), true));
	}

	/**
	 * The outcome of a sign-in for the user store.
	 * @param user the user, as saved
	 * @param created whether this sign-in registered them
	 */
	public record Registration(User user, boolean created) {
	}

}
