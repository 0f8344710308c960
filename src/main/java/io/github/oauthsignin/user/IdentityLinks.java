package io.github.oauthsignin.user;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connects identities to an account and disconnects them, with the rules the mature libraries keep: an identity
 * that leads to another account is refused (no merge), never by email; an account keeps at least one way in (an
 * identity, or another way in such as a passkey: {@link OtherWaysIn}); one identity per provider. Each change is one transaction, and leaves the account as it was when it is refused.
 * <p>
 * Two browsers linking one identity to two accounts at once: the unique {@code (provider, provider_user_id)} lets
 * one insert win; the other is rolled back and looked at again, which then finds the identity taken.
 */
@Service
public class IdentityLinks {

	/** The name an account shows once its provider's data was deleted and only another way in is left. */
	static final String NAME_WITHOUT_PROVIDER = "Passkey user";

	private final UserRepository users;

	private final IdentityRepository identities;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final List<OtherWaysIn> otherWaysIn;

	IdentityLinks(UserRepository users, IdentityRepository identities, PlatformTransactionManager transactionManager,
			Clock clock, List<OtherWaysIn> otherWaysIn) {
		this.users = users;
		this.identities = identities;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.otherWaysIn = otherWaysIn;
	}

	/**
	 * How many ways into the account there are besides its identities (passkeys). Read under the account's lock
	 * ({@link UserRepository#findByIdForUpdate}) by every change that must not remove the last way in.
	 */
	public int otherWaysInto(long userId) {
		return this.otherWaysIn.stream().mapToInt((other) -> other.count(userId)).sum();
	}

	/** The account's identities, the one used last first. */
	public List<Identity> identitiesOf(long userId) {
		return this.identities.findByUser(userId);
	}

	/** Connects the profile's identity to this account. */
	public Link link(long userId, SignInProfile profile) {
		try {
			return this.transactions.execute((status) -> tryLink(userId, profile));
		}
		catch (DataIntegrityViolationException ex) {
			// Another browser linked it (or another identity of this provider) at the same moment: look again.
			return this.transactions.execute((status) -> tryLink(userId, profile));
		}
	}

	private Link tryLink(long userId, SignInProfile profile) {
		Optional<User> account = this.users.findById(userId);
		if (account.isEmpty()) {
			return Link.ACCOUNT_GONE;
		}
		Instant now = this.clock.instant();
		Optional<Identity> existing = this.identities.findWithUser(profile.socialId());
		if (existing.isPresent()) {
			if (!existing.get().user().getId().equals(userId)) {
				return Link.USED_BY_ANOTHER_ACCOUNT;
			}
			existing.get().used(profile, now);
			return Link.ALREADY_CONNECTED;
		}
		String provider = profile.socialId().provider();
		if (this.identities.findByUser(userId).stream().anyMatch((identity) -> identity.getProvider().equals(provider))) {
			return Link.OTHER_IDENTITY_OF_THIS_PROVIDER;
		}
		this.identities.saveAndFlush(new Identity(account.get(), profile, now));
		return Link.CONNECTED;
	}

	/**
	 * Disconnects the account's identity at this provider, unless it is the account's only way in (another way in,
	 * such as a passkey, counts).
	 */
	public Unlink unlink(long userId, String provider) {
		return this.transactions.execute((status) -> remove(userId, provider, false));
	}

	/**
	 * Removes the account's identity at this provider; when it is the last one, says so and leaves it for the caller
	 * to delete with the account (Facebook's data deletion).
	 */
	public Unlink remove(long userId, String provider) {
		return this.transactions.execute((status) -> remove(userId, provider, true));
	}

	/**
	 * Locks the account first, so that two removals at once cannot both find "more than one" and leave none. When
	 * the identity whose details the account shows goes, it shows those of the one used last among those left.
	 */
	private Unlink remove(long userId, String provider, boolean evenTheLast) {
		Optional<User> account = this.users.findByIdForUpdate(userId);
		if (account.isEmpty()) {
			return Unlink.NOT_CONNECTED;
		}
		List<Identity> all = this.identities.findByUser(userId);
		Optional<Identity> target = all.stream().filter((identity) -> identity.getProvider().equals(provider)).findFirst();
		if (target.isEmpty()) {
			return Unlink.NOT_CONNECTED;
		}
		if (all.size() == 1 && otherWaysInto(userId) == 0) {
			// The last way in goes only with its account, which the caller deletes (the identity with it, by cascade).
			return evenTheLast ? Unlink.WAS_THE_LAST : Unlink.LAST_ONE;
		}
		this.identities.delete(target.get());
		if (account.get().getDetails().equals(target.get().getDetails())) {
			account.get()
				.show(all.stream()
					.filter((identity) -> identity != target.get())
					.findFirst()
					.map(Identity::getDetails)
					.orElseGet(() -> withoutProvider(account.get().getDetails(), evenTheLast)));
		}
		return Unlink.DISCONNECTED;
	}

	/**
	 * What an account whose last identity went (it keeps another way in, a passkey) shows: nothing the provider gave
	 * but the name, and not even that when the provider asked us to delete its data.
	 */
	private static ProfileDetails withoutProvider(ProfileDetails shown, boolean providerData) {
		return new ProfileDetails(providerData ? NAME_WITHOUT_PROVIDER : shown.name(), null, null, null);
	}

	/** What connecting an identity did. */
	public enum Link {

		/** It now leads to this account too. */
		CONNECTED,

		/** It already did: nothing changed but what it says about the person. */
		ALREADY_CONNECTED,

		/** It leads to another account: refused, nothing changed anywhere. */
		USED_BY_ANOTHER_ACCOUNT,

		/** The account has another identity at this provider: refused. */
		OTHER_IDENTITY_OF_THIS_PROVIDER,

		/** The account was deleted meanwhile. */
		ACCOUNT_GONE

	}

	/** What disconnecting an identity did. */
	public enum Unlink {

		/** It no longer leads to the account; signing in with it makes a new account. */
		DISCONNECTED,

		/** The account has no identity at this provider: nothing changed. */
		NOT_CONNECTED,

		/** It is the account's only way in: refused, nothing changed. */
		LAST_ONE,

		/** It is the account's only way in: it goes with the account, which the caller deletes. */
		WAS_THE_LAST

	}

}
