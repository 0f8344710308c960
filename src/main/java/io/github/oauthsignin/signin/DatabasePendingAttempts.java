package io.github.oauthsignin.signin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import io.github.oauthsignin.signin.PendingAttemptMeters.Reason;

/**
 * Pending attempts in the database ({@code pending_sign_ins}), shared by every instance, for sessions in the
 * database: a sign-in started on one instance is finished on another. Each is taken by deleting its row, so that
 * of two callbacks racing on two instances only the one whose delete removed the row goes on.
 * <p>
 * Bounded like the memory store, cheaply: rows carry their expiry and are ignored once past it; a browser's rows
 * past {@code signin.pending.max-per-browser} are deleted as it starts another; and every tenth of
 * {@code signin.pending.max-total} inserts (and once a minute) an instance deletes the expired rows and those older
 * than the newest {@code max-total} (by id: first in, first out), two statements on indexes. Between two trims an
 * instance adds at most a tenth of the cap, so the table holds at most {@code max-total} plus a tenth per instance.
 */
final class DatabasePendingAttempts implements PendingAttemptStore {

	private static final Logger logger = LoggerFactory.getLogger(DatabasePendingAttempts.class);

	/** What a stored attempt may be made of: the JDK's value types, Spring Security's OAuth 2 request, ours. */
	private static final ObjectInputFilter ATTEMPT_CLASSES = ObjectInputFilter.Config.createFilter(
			"maxbytes=65536;maxdepth=16;maxrefs=4096;maxarray=8192;java.base/*;"
					+ "org.springframework.security.**;io.github.oauthsignin.**;!*");

	private final JdbcTemplate jdbc;

	private final SignInProperties.Pending limits;

	private final Clock clock;

	private final PendingAttemptMeters meters;

	private final int trimEvery;

	private final AtomicInteger insertsSinceTrim = new AtomicInteger();

	DatabasePendingAttempts(JdbcTemplate jdbc, SignInProperties.Pending limits, Clock clock, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.limits = limits;
		this.clock = clock;
		this.trimEvery = Math.max(1, limits.maxTotal() / 10);
		this.meters = new PendingAttemptMeters(registry, this::size);
	}

	@Override
	public void save(String attemptId, String browserId, PendingAttempt attempt) {
		long now = this.clock.millis();
		List<Long> ofBrowser = this.jdbc.queryForList(
				"select id from pending_sign_ins where browser_hash = ? order by id desc", Long.class, browserId);
		if (ofBrowser.size() >= this.limits.maxPerBrowser()) {
			int dropped = this.jdbc.update("delete from pending_sign_ins where browser_hash = ? and id <= ?", browserId,
					ofBrowser.get(this.limits.maxPerBrowser() - 1));
			this.meters.dropped(Reason.PER_BROWSER, dropped);
		}
		byte[] bytes = serialize(attempt);
		long expiresAt = now + this.limits.timeout().toMillis();
		try {
			this.jdbc.update("insert into pending_sign_ins (attempt_hash, browser_hash, expires_at, attempt) "
					+ "values (?, ?, ?, ?)", attemptId, browserId, expiresAt, bytes);
		}
		catch (DuplicateKeyException sameProviderAndKeyAgain) {
			this.jdbc.update("update pending_sign_ins set browser_hash = ?, expires_at = ?, attempt = ? "
					+ "where attempt_hash = ?", browserId, expiresAt, bytes, attemptId);
		}
		if (this.insertsSinceTrim.incrementAndGet() >= this.trimEvery) {
			this.insertsSinceTrim.set(0);
			trim();
		}
	}

	@Override
	public Optional<PendingAttempt> take(String attemptId, String browserId) {
		List<Row> rows = this.jdbc.query(
				"select id, browser_hash, expires_at, attempt from pending_sign_ins where attempt_hash = ?",
				(result, number) -> new Row(result.getLong(1), result.getString(2), result.getLong(3),
						result.getBytes(4)),
				attemptId);
		if (rows.isEmpty() || !MessageDigest.isEqual(rows.get(0).browserId().getBytes(StandardCharsets.US_ASCII),
				browserId.getBytes(StandardCharsets.US_ASCII))) {
			return Optional.empty();
		}
		Row row = rows.get(0);
		if (this.jdbc.update("delete from pending_sign_ins where id = ?", row.id()) == 0) {
			// Taken meanwhile by another callback, here or on another instance.
			return Optional.empty();
		}
		if (row.expiresAt() <= this.clock.millis()) {
			this.meters.dropped(Reason.EXPIRED, 1);
			return Optional.empty();
		}
		return deserialize(row.attempt());
	}

	@Override
	public void forget(String browserId) {
		this.jdbc.update("delete from pending_sign_ins where browser_hash = ?", browserId);
	}

	@Override
	public int size() {
		Integer count = this.jdbc.queryForObject("select count(*) from pending_sign_ins where expires_at > ?",
				Integer.class, this.clock.millis());
		return (count != null) ? count : 0;
	}

	/**
	 * Deletes the expired rows, then every row older than the newest {@code max-total}. Every instance does it; the
	 * deletes are the same on each, so running them twice is harmless.
	 */
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
	void trim() {
		this.meters.dropped(Reason.EXPIRED,
				this.jdbc.update("delete from pending_sign_ins where expires_at <= ?", this.clock.millis()));
		List<Long> newestTooMany = this.jdbc.queryForList(
				"select id from pending_sign_ins order by id desc offset ? rows fetch next 1 rows only", Long.class,
				this.limits.maxTotal());
		if (!newestTooMany.isEmpty()) {
			this.meters.dropped(Reason.CAPACITY,
					this.jdbc.update("delete from pending_sign_ins where id <= ?", newestTooMany.get(0)));
		}
	}

	private static byte[] serialize(PendingAttempt attempt) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(attempt);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A pending sign-in could not be written", ex);
		}
		return bytes.toByteArray();
	}

	/** The attempt of these bytes, or empty when they are not one this version can read (written by another). */
	private static Optional<PendingAttempt> deserialize(byte[] bytes) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
			in.setObjectInputFilter(ATTEMPT_CLASSES);
			return Optional.of((PendingAttempt) in.readObject());
		}
		catch (IOException | ClassNotFoundException | ClassCastException ex) {
			logger.info("A pending sign-in could not be read back ({}), so it counts as expired",
					ex.getClass().getSimpleName());
			return Optional.empty();
		}
	}

	private record Row(long id, String browserId, long expiresAt, byte[] attempt) {
	}

}
