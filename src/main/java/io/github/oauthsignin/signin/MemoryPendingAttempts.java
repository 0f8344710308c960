package io.github.oauthsignin.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;

import io.github.oauthsignin.signin.PendingAttemptMeters.Reason;

/**
 * Pending attempts in this instance's memory, for a single instance (sessions in memory, on H2): a map in the order
 * the attempts started, so that expiring and evicting take the oldest first, in constant time, under one lock.
 * Strictly first in, first out, on purpose: a cache that admits by popularity (Caffeine's W-TinyLFU) may refuse a
 * new entry while a flood of one-off keys goes on, and here the newest attempt is the one a person is waiting for.
 */
final class MemoryPendingAttempts implements PendingAttemptStore {

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	private final Map<String, Deque<String>> byBrowser = new HashMap<>();

	private final SignInProperties.Pending limits;

	private final Clock clock;

	private final PendingAttemptMeters meters;

	MemoryPendingAttempts(SignInProperties.Pending limits, Clock clock, MeterRegistry registry) {
		this.limits = limits;
		this.clock = clock;
		this.meters = new PendingAttemptMeters(registry, this::size);
	}

	@Override
	public synchronized void save(String attemptId, String browserId, PendingAttempt attempt) {
		long now = this.clock.millis();
		forgetExpired(now);
		remove(attemptId);
		Deque<String> ofBrowser = this.byBrowser.get(browserId);
		while (ofBrowser != null && ofBrowser.size() >= this.limits.maxPerBrowser()) {
			remove(ofBrowser.peekFirst());
			this.meters.dropped(Reason.PER_BROWSER, 1);
			ofBrowser = this.byBrowser.get(browserId);
		}
		while (this.entries.size() >= this.limits.maxTotal()) {
			remove(this.entries.keySet().iterator().next());
			this.meters.dropped(Reason.CAPACITY, 1);
		}
		this.entries.put(attemptId, new Entry(browserId, attempt, now + this.limits.timeout().toMillis()));
		this.byBrowser.computeIfAbsent(browserId, (browser) -> new ArrayDeque<>(2)).addLast(attemptId);
	}

	@Override
	public synchronized Optional<PendingAttempt> take(String attemptId, String browserId) {
		Entry entry = this.entries.get(attemptId);
		if (entry == null || !MessageDigest.isEqual(entry.browserId().getBytes(StandardCharsets.US_ASCII),
				browserId.getBytes(StandardCharsets.US_ASCII))) {
			return Optional.empty();
		}
		remove(attemptId);
		if (entry.isExpired(this.clock.millis())) {
			this.meters.dropped(Reason.EXPIRED, 1);
			return Optional.empty();
		}
		return Optional.of(entry.attempt());
	}

	@Override
	public synchronized void forget(String browserId) {
		Deque<String> ofBrowser = this.byBrowser.remove(browserId);
		if (ofBrowser != null) {
			ofBrowser.forEach(this.entries::remove);
		}
	}

	@Override
	public synchronized int size() {
		forgetExpired(this.clock.millis());
		return this.entries.size();
	}

	/** Forgets the expired attempts: the oldest ones, at the head, since every attempt lives equally long. */
	private void forgetExpired(long now) {
		int expired = 0;
		Iterator<Map.Entry<String, Entry>> oldestFirst = this.entries.entrySet().iterator();
		while (oldestFirst.hasNext()) {
			Map.Entry<String, Entry> oldest = oldestFirst.next();
			if (!oldest.getValue().isExpired(now)) {
				break;
			}
			oldestFirst.remove();
			forgetOfBrowser(oldest.getValue().browserId(), oldest.getKey());
			expired++;
		}
		this.meters.dropped(Reason.EXPIRED, expired);
	}

	private void remove(String attemptId) {
		Entry removed = this.entries.remove(attemptId);
		if (removed != null) {
			forgetOfBrowser(removed.browserId(), attemptId);
		}
	}

	private void forgetOfBrowser(String browserId, String attemptId) {
		Deque<String> ofBrowser = this.byBrowser.get(browserId);
		if (ofBrowser != null) {
			ofBrowser.remove(attemptId);
			if (ofBrowser.isEmpty()) {
				this.byBrowser.remove(browserId);
			}
		}
	}

	private record Entry(String browserId, PendingAttempt attempt, long expiresAt) {

		boolean isExpired(long now) {
			return this.expiresAt <= now;
		}

	}

}
