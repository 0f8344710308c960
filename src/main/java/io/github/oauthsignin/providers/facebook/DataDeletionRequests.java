package io.github.oauthsignin.providers.facebook;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.oauthsignin.account.AccountDeletion;
import io.github.oauthsignin.account.AccountDeletion.Removal;
import io.github.oauthsignin.user.SocialId;

/**
 * Facebook's data-deletion requests: removes the person's Facebook identity (and their account, when it has no
 * other way in) and answers with a confirmation code whose status page says the deletion is done.
 * <p>
 * A code is 256 random bits, base64url: unguessable, so the status page needs no sign-in. The table
 * {@code data_deletion_requests} keeps only the code and its dates, never whose data it was. Deletion and record
 * are one transaction: a code is only ever given out for a deletion that happened.
 */
@Component
class DataDeletionRequests {

	/** What a code looks like; anything else is not looked up. */
	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final StringKeyGenerator codes = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 32);

	private final AccountDeletion accounts;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	DataDeletionRequests(AccountDeletion accounts, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			Clock clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Removes this Facebook user's identity and what Facebook gave, and their account when it has no other way in
	 * (with its sessions and remember-me tokens), and records the request as completed. A person we do not know has
	 * nothing to delete, which is done at once.
	 * @return the confirmation code, and what was removed
	 */
	Deletion delete(String facebookUserId) {
		return this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			Removal removed = this.accounts.removeIdentity(new SocialId(FacebookPreset.ID, facebookUserId));
			String code = this.codes.generateKey();
			// OffsetDateTime rather than Instant: what both the H2 and the PostgreSQL drivers bind.
			OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
			this.jdbc.update("insert into data_deletion_requests (confirmation_code, requested_at, completed_at) "
					+ "values (?, ?, ?)", code, at, at);
			return new Deletion(code, removed);
		});
	}

	/** When the request with this code was completed, or empty when there is no such code. */
	Optional<Instant> completedAt(String code) {
		if (code == null || !CODE.matcher(code).matches()) {
			return Optional.empty();
		}
		List<OffsetDateTime> completed = this.jdbc.query(
				"select completed_at from data_deletion_requests where confirmation_code = ?",
				(row, index) -> row.getObject("completed_at", OffsetDateTime.class), code);
		return completed.stream().findFirst().map(OffsetDateTime::toInstant);
	}

	/**
	 * @param confirmationCode the code that names this request on its status page
	 * @param removed what was removed: nothing (a person we do not know), the Facebook identity, or with it the
	 * account it was the only way into
	 */
	record Deletion(String confirmationCode, Removal removed) {
	}

}
