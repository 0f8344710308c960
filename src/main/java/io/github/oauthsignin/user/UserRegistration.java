package io.github.oauthsignin.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the account an identity leads to, or registers a new account with that identity on its first sign-in.
 * Only the identity ({@code provider}, id there) decides: never an email address, whatever the provider says about
 * it.
 * <p>
 * Two browsers may sign the same new person in at the same moment. Both look, find nobody and insert; the unique
 * {@code (provider, provider_user_id)} lets one insert win, the loser's transaction (its new account included) is
 * rolled back, and it is retried as a lookup, which then finds the winner's. Nobody sees the clash.
 */
@Service
public class UserRegistration {

	private static final int ATTEMPTS = 3;

	private final UserRepository users;

	private final IdentityRepository identities;

	private final SignInHistory history;

	private final TransactionTemplate transactions;

	private final Clock clock;

	UserRegistration(UserRepository users, IdentityRepository identities, SignInHistory history,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.users = users;
		this.identities = identities;
		this.history = history;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * The account for this profile's identity, showing its name, email and picture, created if new; the sign-in
	 * joins the account's history in the same transaction.
	 * @param origin where the sign-in came from, for the history
	 */
	public Registration findOrRegister(SignInProfile profile, SignInOrigin origin) {
		DataIntegrityViolationException clash = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try {
				return this.transactions.execute((status) -> {
					Registration registration = findOrInsert(profile);
					this.history.save(new PastSignIn(registration.user().getId(), profile.socialId().provider(),
							registration.user().getLastSignInAt(), origin));
					return registration;
				});
			}
			catch (DataIntegrityViolationException ex) {
				// Someone else registered this person between our lookup and our insert: look again.
				clash = ex;
			}
		}
		throw clash;
	}

	/**
	 * A sign-in to an account that is not a provider's, such as with a passkey: the account, as it is, with its time
	 * of last sign-in now; the sign-in joins its history in the same transaction.
	 * @param wayIn what the history names the way in, such as {@code passkey}
	 * @return the account, or empty when it no longer exists
	 */
	public Optional<User> signedIn(long userId, String wayIn, SignInOrigin origin) {
		return this.transactions.execute((status) -> this.users.findById(userId).map((user) -> {
			Instant now = this.clock.instant();
			user.signedIn(user.getDetails(), now);
			this.history.save(new PastSignIn(userId, wayIn, now, origin));
			return user;
		}));
	}

	private Registration findOrInsert(SignInProfile profile) {
		Instant now = this.clock.instant();
		ProfileDetails details = ProfileDetails.of(profile);
		return this.identities.findWithUser(profile.socialId()).map((identity) -> {
			identity.used(profile, now);
			identity.user().signedIn(details, now);
			return new Registration(identity.user(), false);
		}).orElseGet(() -> {
			User user = this.users.save(new User(details, now));
			this.identities.saveAndFlush(new Identity(user, profile, now));
			return new Registration(user, true);
		});
	}

	/**
	 * The outcome of a sign-in for the user store.
	 * @param user the account, as saved
	 * @param created whether this sign-in registered it
	 */
	public record Registration(User user, boolean created) {
	}

}
