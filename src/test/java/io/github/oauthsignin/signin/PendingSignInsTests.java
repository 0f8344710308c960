package io.github.oauthsignin.signin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

class PendingSignInsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));

	private final PendingSignIns store = new PendingSignIns(new SignInProperties(null,
			new SignInProperties.Pending(3, Duration.ofMinutes(10)), new SignInProperties.Brake(20, 100000),
			List.of(), Map.of()), this.clock);

	private final MockHttpSession session = new MockHttpSession();

	@Test
	void takeWhenSavedThenReturnedOnceOnly() {
		this.store.save(this.session, pending("facebook", "state-1"), "/account", true);
		Optional<PendingSignIns.Attempt> first = this.store.take(request(), "facebook", Optional.of("state-1"));
		assertThat(first).hasValueSatisfying((attempt) -> {
			assertThat(attempt.returnTo()).isEqualTo("/account");
			assertThat(attempt.rememberMe()).isTrue();
		});
		assertThat(this.store.take(request(), "facebook", Optional.of("state-1"))).isEmpty();
	}

	@Test
	void takeWhenKeyDiffersThenEmptyAndAttemptKept() {
		this.store.save(this.session, pending("facebook", "state-1"), "/", false);
		assertThat(this.store.take(request(), "facebook", Optional.of("forged"))).isEmpty();
		assertThat(this.store.take(request(), "facebook", Optional.of("state-1"))).isPresent();
	}

	@Test
	void takeWhenOtherProvidersKeyThenEmpty() {
		this.store.save(this.session, pending("facebook", "shared-key"), "/", false);
		assertThat(this.store.take(request(), "twitter", Optional.of("shared-key"))).isEmpty();
	}

	@Test
	void takeWhenNoKeyOrNoSessionThenEmpty() {
		this.store.save(this.session, pending("facebook", "state-1"), "/", false);
		assertThat(this.store.take(request(), "facebook", Optional.empty())).isEmpty();
		assertThat(this.store.take(new MockHttpServletRequest(), "facebook", Optional.of("state-1"))).isEmpty();
	}

	@Test
	void takeWhenOlderThanTimeoutThenEmpty() {
		this.store.save(this.session, pending("facebook", "state-1"), "/", false);
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(this.store.take(request(), "facebook", Optional.of("state-1"))).isEmpty();
	}

	@Test
	void saveWhenOverLimitThenOldestDropped() {
		for (int i = 1; i <= 50; i++) {
			this.store.save(this.session, pending("facebook", "state-" + i), "/", false);
		}
		assertThat((List<?>) this.session.getAttribute(PendingSignIns.SESSION_ATTRIBUTE)).hasSize(3);
		assertThat(this.store.take(request(), "facebook", Optional.of("state-1"))).isEmpty();
		assertThat(this.store.take(request(), "facebook", Optional.of("state-50"))).isPresent();
		assertThat(this.store.take(request(), "facebook", Optional.of("state-48"))).isPresent();
	}

	@Test
	void twoTabsTwoProvidersBothPending() {
		this.store.save(this.session, pending("facebook", "state-1"), "/", false);
		this.store.save(this.session, pending("twitter", "token-1"), "/", false);
		assertThat(this.store.take(request(), "twitter", Optional.of("token-1"))).isPresent();
		assertThat(this.store.take(request(), "facebook", Optional.of("state-1"))).isPresent();
	}

	private MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setSession(this.session);
		return request;
	}

	private static PendingSignIn pending(String provider, String key) {
		return new PendingSignIn(provider, key, URI.create("https://provider.example/authorize"), key);
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
