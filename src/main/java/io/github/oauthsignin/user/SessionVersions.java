package io.github.oauthsignin.user;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each account's session version ({@code users.session_version}): a random number that every session of the
 * account carries, replaced when its sessions are ended, and the check that a stored session still matches its
 * account: the account exists, with the version the session was made with, and the provider the session was signed
 * in through is still connected to it (or, for another way in such as a passkey, the account still has one).
 * <p>
 * That check runs whenever a signed-in session is used, so it must cost next to nothing: what the database said
 * about an account is kept in memory for a few seconds, and forgotten at once when this instance changes it
 * (ending sessions, connecting or disconnecting a provider, deleting the account). On several instances another
 * instance may keep an answer for those few seconds; every change that ends sessions also removes them from the
 * shared session store, so no ended session is used meanwhile.
 */
@Component
public class SessionVersions {

	/** How long an answer from the database is trusted. */
	static final Duration KEPT = Duration.ofSeconds(10);

	private static final int ACCOUNTS = 100_000;

	private final JdbcTemplate jdbc;

	private final List<OtherWaysIn> otherWaysIn;

	private final Cache<Long, Known> known = Caffeine.newBuilder()
		.expireAfterWrite(KEPT)
		.maximumSize(ACCOUNTS)
		.build();

	SessionVersions(JdbcTemplate jdbc, List<OtherWaysIn> otherWaysIn) {
		this.jdbc = jdbc;
		this.otherWaysIn = otherWaysIn;
	}

	/**
	 * Whether a session that carries this version and was signed in through this provider still belongs to this
	 * account.
	 * @param wayIn the provider id the session was signed in through, or null when unknown (a "Keep me signed in"
	 * token older than this check): then only the account and its version count
	 */
	public boolean admits(long userId, long version, String wayIn) {
		Known cached = this.known.getIfPresent(userId);
		if (cached != null && cached.admits(version, wayIn)) {
			return true;
		}
		Known stored = read(userId);
		if (stored == null) {
			this.known.invalidate(userId);
			return false;
		}
		this.known.put(userId, stored);
		return stored.admits(version, wayIn);
	}

	/**
	 * Remembers that a session was just signed in to this account through this provider, with the account's
	 * version as the sign-in read it, so that its next requests need not ask the database.
	 */
	public void signedIn(long userId, long version, String wayIn) {
		Set<String> providers = (wayIn != null) ? Set.of(wayIn) : Set.of();
		this.known.asMap().merge(userId, new Known(version, providers), Known::with);
	}

	/**
	 * Replaces the account's session version: every session made with the old one is refused from now on. Joins the
	 * caller's transaction, if any.
	 */
	public void renew(long userId) {
		this.jdbc.update("update users set session_version = ? where id = ?", User.newSessionVersion(), userId);
		changed(userId);
	}

	/**
	 * Forgets what is known about this account here, now and again when the caller's transaction (if any) commits:
	 * its providers or its existence changed.
	 */
	public void changed(long userId) {
		this.known.invalidate(userId);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					SessionVersions.this.known.invalidate(userId);
				}
			});
		}
	}

	private Known read(long userId) {
		List<Row> rows = this.jdbc.query(
				"select u.session_version, i.provider from users u left join identities i on i.user_id = u.id "
						+ "where u.id = ?",
				(result, index) -> new Row(result.getLong(1), result.getString(2)), userId);
		if (rows.isEmpty()) {
			return null;
		}
		Set<String> providers = new HashSet<>();
		rows.stream().map(Row::provider).filter(Objects::nonNull).forEach(providers::add);
		this.otherWaysIn.stream()
			.filter((other) -> other.count(userId) > 0)
			.map(OtherWaysIn::wayIn)
			.forEach(providers::add);
		return new Known(rows.get(0).version(), Set.copyOf(providers));
	}

	private record Row(long version, String provider) {
	}

	/**
	 * What is known about an account.
	 * @param version its session version
	 * @param providers providers known to be connected to it (on a sign-in, the one signed in through)
	 */
	private record Known(long version, Set<String> providers) {

		boolean admits(long sessionVersion, String wayIn) {
			return this.version == sessionVersion && (wayIn == null || this.providers.contains(wayIn));
		}

		Known with(Known other) {
			if (other.version != this.version) {
				return other;
			}
			Set<String> all = new HashSet<>(this.providers);
			all.addAll(other.providers);
			return new Known(this.version, Set.copyOf(all));
		}

	}

}
