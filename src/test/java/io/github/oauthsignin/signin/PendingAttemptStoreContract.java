package io.github.oauthsignin.signin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.oauthsignin.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PendingAttemptStore} promises, whatever it keeps attempts in: once, to its own browser only, for a
 * while, and never more than the limits, oldest out first. Each store's test class runs these against it.
 */
abstract class PendingAttemptStoreContract {

	static final int MAX_PER_BROWSER = 3;

	static final int MAX_TOTAL = 100;

	static final Duration TIMEOUT = Duration.ofMinutes(10);

	final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));

	final MeterRegistry registry = new SimpleMeterRegistry();

	PendingAttemptStore store;

	/** The store under test, empty, with these limits, this clock and this registry. */
	abstract PendingAttemptStore newStore(SignInProperties.Pending limits);

	@BeforeEach
	void newStore() {
		this.store = newStore(new SignInProperties.Pending(MAX_PER_BROWSER, MAX_TOTAL, TIMEOUT));
	}

	@Test
	void takeWhenSavedThenReturnedOnceOnly() {
		this.store.save(id("attempt-1"), id("browser-1"), attempt("state-1", "/account"));
		assertThat(this.store.take(id("attempt-1"), id("browser-1"))).hasValueSatisfying((attempt) -> {
			assertThat(attempt.pending().key()).isEqualTo("state-1");
			assertThat(attempt.returnTo()).isEqualTo("/account");
		});
		assertThat(this.store.take(id("attempt-1"), id("browser-1"))).isEmpty();
		assertThat(this.store.size()).isZero();
	}

	@Test
	void takeWhenAnotherBrowserThenEmptyAndTheAttemptKeptForItsOwn() {
		this.store.save(id("attempt-1"), id("victim"), attempt("state-1", "/"));
		assertThat(this.store.take(id("attempt-1"), id("attacker"))).isEmpty();
		assertThat(this.store.take(id("attempt-1"), id("victim"))).isPresent();
	}

	@Test
	void takeWhenUnknownThenEmpty() {
		this.store.save(id("attempt-1"), id("browser-1"), attempt("state-1", "/"));
		assertThat(this.store.take(id("attempt-2"), id("browser-1"))).isEmpty();
		assertThat(this.store.size()).isOne();
	}

	@Test
	void takeWhenOlderThanTimeoutThenEmptyAndCountedAsExpired() {
		this.store.save(id("attempt-1"), id("browser-1"), attempt("state-1", "/"));
		this.store.save(id("attempt-2"), id("browser-2"), attempt("state-2", "/"));
		this.clock.advance(TIMEOUT.plusSeconds(1));
		assertThat(this.store.take(id("attempt-1"), id("browser-1"))).isEmpty();
		assertThat(this.store.size()).isZero();
		assertThat(dropped("expired")).isPositive();
	}

	@Test
	void saveWhenBrowserHasItsMaximumThenItsOldestDropped() {
		for (int i = 1; i <= 50; i++) {
			this.store.save(id("attempt-" + i), id("looping-browser"), attempt("state-" + i, "/"));
		}
		this.store.save(id("other"), id("other-browser"), attempt("other", "/"));
		assertThat(this.store.size()).isEqualTo(MAX_PER_BROWSER + 1);
		assertThat(this.store.take(id("attempt-1"), id("looping-browser"))).isEmpty();
		assertThat(this.store.take(id("attempt-47"), id("looping-browser"))).isEmpty();
		assertThat(this.store.take(id("attempt-48"), id("looping-browser"))).isPresent();
		assertThat(this.store.take(id("attempt-50"), id("looping-browser"))).isPresent();
		assertThat(this.store.take(id("other"), id("other-browser"))).isPresent();
		assertThat(dropped("per_browser")).isEqualTo(47);
	}

	@Test
	void saveWhenFullThenOldestOfAllGoFirstAndTheNewestSurvivesAFlood() {
		this.store.save(id("early"), id("early-browser"), attempt("early", "/"));
		for (int i = 0; i < 10 * MAX_TOTAL; i++) {
			// A flood of one-off starts, each from a browser of its own: nothing repeats, nothing is popular.
			this.store.save(id("flood-" + i), id("flooding-browser-" + i), attempt("flood-" + i, "/"));
		}
		this.store.save(id("honest"), id("honest-browser"), attempt("honest", "/"));
		assertThat(this.store.size()).isBetween(MAX_TOTAL, MAX_TOTAL + MAX_TOTAL / 10);
		assertThat(this.store.take(id("honest"), id("honest-browser"))).as("the newest start").isPresent();
		assertThat(this.store.take(id("flood-" + (10 * MAX_TOTAL - 1)), id("flooding-browser-" + (10 * MAX_TOTAL - 1))))
			.isPresent();
		assertThat(this.store.take(id("early"), id("early-browser"))).as("the oldest start").isEmpty();
		assertThat(this.store.take(id("flood-0"), id("flooding-browser-0"))).isEmpty();
		assertThat(dropped("capacity")).isGreaterThanOrEqualTo(9 * MAX_TOTAL - MAX_TOTAL / 10);
	}

	@Test
	void forgetWhenBrowserSignedOutThenItsAttemptsGoAndOthersStay() {
		this.store.save(id("attempt-1"), id("signing-out"), attempt("state-1", "/"));
		this.store.save(id("attempt-2"), id("signing-out"), attempt("state-2", "/"));
		this.store.save(id("attempt-3"), id("other"), attempt("state-3", "/"));
		this.store.forget(id("signing-out"));
		assertThat(this.store.take(id("attempt-1"), id("signing-out"))).isEmpty();
		assertThat(this.store.take(id("attempt-2"), id("signing-out"))).isEmpty();
		assertThat(this.store.take(id("attempt-3"), id("other"))).isPresent();
	}

	@Test
	void sizeWhenAttemptsKeptThenGaugeSaysHowMany() {
		for (int i = 0; i < 5; i++) {
			this.store.save(id("attempt-" + i), id("browser-" + i), attempt("state-" + i, "/"));
		}
		assertThat(this.store.size()).isEqualTo(5);
		assertThat(this.registry.get("signin.pending.attempts").gauge().value()).isEqualTo(5);
	}

	@Test
	void takeWhenManyCallbacksRaceForOneAttemptThenOnlyOneGetsIt() throws Exception {
		this.store.save(id("raced"), id("browser-1"), attempt("raced", "/"));
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Optional<PendingAttempt>>> racers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				racers.add(() -> this.store.take(id("raced"), id("browser-1")));
			}
			int winners = 0;
			for (Future<Optional<PendingAttempt>> result : threads.invokeAll(racers)) {
				winners += result.get().isPresent() ? 1 : 0;
			}
			assertThat(winners).isOne();
		}
		finally {
			threads.shutdownNow();
		}
	}

	double dropped(String reason) {
		var counter = this.registry.find("signin.pending.dropped").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	static String id(String name) {
		return PendingSignIns.digest(name);
	}

	PendingAttempt attempt(String key, String returnTo) {
		return new PendingAttempt(new PendingSignIn("facebook", key, URI.create("https://provider.example/authorize"),
				key), returnTo, false, null, null, this.clock.instant());
	}

}
