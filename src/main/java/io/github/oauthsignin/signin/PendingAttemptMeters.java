package io.github.oauthsignin.signin;

import java.util.Locale;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a {@link PendingAttemptStore} holds and drops, in Micrometer: the gauge {@code signin.pending.attempts} (read
 * when scraped) and the counter {@code signin.pending.dropped}, tagged with the reason. With metrics off, the
 * registry is a no-op one and counting costs nothing measurable.
 */
final class PendingAttemptMeters {

	private final MeterRegistry registry;

	PendingAttemptMeters(MeterRegistry registry, IntSupplier size) {
		this.registry = registry;
		Gauge.builder("signin.pending.attempts", size::getAsInt)
			.description("Sign-ins started and not finished yet, kept until the provider answers")
			.register(registry);
	}

	/** These many attempts were dropped unfinished, for this reason. */
	void dropped(Reason reason, int count) {
		if (count > 0) {
			Counter.builder("signin.pending.dropped")
				.description("Unfinished sign-ins forgotten before their browser came back, by reason")
				.tag("reason", reason.name().toLowerCase(Locale.ROOT))
				.register(this.registry)
				.increment(count);
		}
	}

	/** Why an attempt was forgotten unfinished. */
	enum Reason {

		/** Older than {@code signin.pending.timeout}. */
		EXPIRED,

		/** The oldest, when {@code signin.pending.max-total} were kept. */
		CAPACITY,

		/** The oldest of its browser, when it had {@code signin.pending.max-per-browser}. */
		PER_BROWSER

	}

}
