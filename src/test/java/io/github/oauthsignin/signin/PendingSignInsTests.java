package io.github.oauthsignin.signin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.Cookie;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import io.github.oauthsignin.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Started sign-ins kept for the browser that started them, by its binding cookie, without a session: the threats of
 * docs/SECURITY.md rows 1 and 3 at the level of the store (the full-flow tests prove them through HTTP).
 */
class PendingSignInsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));

	private final SignInProperties properties = new SignInProperties(null,
			new SignInProperties.Pending(3, 10000, Duration.ofMinutes(10)), new SignInProperties.Brake(20, 100000),
			List.of(), Map.of());

	private final PendingSignIns attempts = new PendingSignIns(
			new MemoryPendingAttempts(this.properties.pending(), this.clock, new SimpleMeterRegistry()),
			new BrowserBinding(this.properties), this.clock);

	/** The binding cookie of "this browser", as the first start set it. */
	private Cookie binding;

	@Test
	void takeWhenSavedThenReturnedOnceOnly() {
		save(pending("facebook", "state-1"), "/account", true);
		Optional<PendingAttempt> first = this.attempts.take(fromThisBrowser(), "facebook", Optional.of("state-1"));
		assertThat(first).hasValueSatisfying((attempt) -> {
			assertThat(attempt.returnTo()).isEqualTo("/account");
			assertThat(attempt.rememberMe()).isTrue();
		});
		assertThat(this.attempts.take(fromThisBrowser(), "facebook", Optional.of("state-1"))).isEmpty();
	}

	@Test
	void takeWhenCallbackCarriedToAnotherBrowserThenEmptyAndTheAttemptKeptForItsOwn() {
		save(pending("facebook", "state-1"), "/", false);
		MockHttpServletRequest otherBrowser = new MockHttpServletRequest();
		otherBrowser.setCookies(new Cookie(BrowserBinding.COOKIE, "A".repeat(43)));
		assertThat(this.attempts.take(otherBrowser, "facebook", Optional.of("state-1"))).isEmpty();
		assertThat(this.attempts.take(new MockHttpServletRequest(), "facebook", Optional.of("state-1"))).isEmpty();
		assertThat(this.attempts.take(fromThisBrowser(), "facebook", Optional.of("state-1"))).isPresent();
	}

	@Test
	void takeWhenKeyDiffersThenEmptyAndAttemptKept() {
		save(pending("facebook", "state-1"), "/", false);
		assertThat(this.attempts.take(fromThisBrowser(), "facebook", Optional.of("forged"))).isEmpty();
		assertThat(this.attempts.take(fromThisBrowser(), "facebook", Optional.of("state-1"))).isPresent();
	}

	@Test
	void takeWhenOtherProvidersKeyThenEmpty() {
		save(pending("facebook", "shared-key"), "/", false);
		assertThat(this.attempts.take(fromThisBrowser(), "twitter", Optional.of("shared-key"))).isEmpty();
	}

	@Test
	void takeWhenNoKeyOrMalformedBindingThenEmpty() {
		save(pending("facebook", "state-1"), "/", false);
		assertThat(this.attempts.take(fromThisBrowser(), "facebook", Optional.empty())).isEmpty();
		MockHttpServletRequest malformed = new MockHttpServletRequest();
		malformed.setCookies(new Cookie(BrowserBinding.COOKIE, this.binding.getValue() + "x"));
		assertThat(this.attempts.take(malformed, "facebook", Optional.of("state-1"))).isEmpty();
	}

	@Test
	void takeWhenOlderThanTimeoutThenEmpty() {
		save(pending("facebook", "state-1"), "/", false);
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(this.attempts.take(fromThisBrowser(), "facebook", Optional.of("state-1"))).isEmpty();
	}

	@Test
	void saveWhenOverLimitThenOldestDropped() {
		for (int i = 1; i <= 50; i++) {
			save(pending("facebook", "state-" + i), "/", false);
		}
		assertThat(this.attempts.take(fromThisBrowser(), "facebook", Optional.of("state-1"))).isEmpty();
		assertThat(this.attempts.take(fromThisBrowser(), "facebook", Optional.of("state-47"))).isEmpty();
		assertThat(this.attempts.take(fromThisBrowser(), "facebook", Optional.of("state-50"))).isPresent();
		assertThat(this.attempts.take(fromThisBrowser(), "facebook", Optional.of("state-48"))).isPresent();
	}

	@Test
	void twoTabsTwoProvidersBothPending() {
		save(pending("facebook", "state-1"), "/", false);
		save(pending("twitter", "token-1"), "/", false);
		assertThat(this.attempts.take(fromThisBrowser(), "twitter", Optional.of("token-1"))).isPresent();
		assertThat(this.attempts.take(fromThisBrowser(), "facebook", Optional.of("state-1"))).isPresent();
	}

	@Test
	void saveWhenStartedThenNoSessionAndABindingCookieHttpOnlyLaxForTheTimeout() {
		MockHttpServletRequest request = fromThisBrowser();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.attempts.save(request, response, pending("facebook", "state-1"), "/", false);
		assertThat(request.getSession(false)).isNull();
		String setCookie = response.getHeader("Set-Cookie");
		assertThat(setCookie).startsWith(BrowserBinding.COOKIE + "=")
			.contains("; Path=/")
			.contains("; Max-Age=600")
			.contains("; HttpOnly")
			.contains("; SameSite=Lax")
			.doesNotContain("Secure");
		assertThat(setCookie.substring(BrowserBinding.COOKIE.length() + 1, setCookie.indexOf(';'))).hasSize(43);
	}

	@Test
	void saveWhenServedOverHttpsThenBindingCookieSecure() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setSecure(true);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.attempts.save(request, response, pending("facebook", "state-1"), "/", false);
		assertThat(response.getHeader("Set-Cookie")).contains("; Secure");
	}

	@Test
	void saveWhenBrowserHasABindingThenKeepsIt() {
		save(pending("facebook", "state-1"), "/", false);
		String first = this.binding.getValue();
		save(pending("facebook", "state-2"), "/", false);
		assertThat(this.binding.getValue()).isEqualTo(first);
	}

	@Test
	void saveWhenTwoBrowsersThenEachHasABindingOfItsOwn() {
		save(pending("facebook", "state-1"), "/", false);
		String first = this.binding.getValue();
		this.binding = null;
		save(pending("facebook", "state-2"), "/", false);
		assertThat(this.binding.getValue()).isNotEqualTo(first);
	}

	@Test
	void forgetWhenBrowserSignsOutThenItsAttemptsGoAndItsBindingIsDropped() {
		save(pending("github", "state-1"), "/account", false);
		MockHttpServletResponse signedOut = new MockHttpServletResponse();
		this.attempts.forget(fromThisBrowser(), signedOut);
		assertThat(signedOut.getCookie(BrowserBinding.COOKIE).getMaxAge()).isZero();
		assertThat(this.attempts.take(fromThisBrowser(), "github", Optional.of("state-1"))).isEmpty();
	}

	@Test
	void isLinkForWhenSameAccountInTheSameSessionThenTrueOtherwiseFalse() {
		MockHttpSession signedIn = new MockHttpSession();
		MockHttpServletRequest start = fromThisBrowser();
		start.setSession(signedIn);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.attempts.saveLink(start, response, pending("github", "state-1"), 42);
		this.binding = response.getCookie(BrowserBinding.COOKIE);
		PendingAttempt attempt = this.attempts.take(fromThisBrowser(), "github", Optional.of("state-1")).orElseThrow();
		assertThat(attempt.isLink()).isTrue();

		MockHttpServletRequest sameSession = fromThisBrowser();
		sameSession.setSession(signedIn);
		assertThat(this.attempts.isLinkFor(attempt, 42, sameSession)).isTrue();
		assertThat(this.attempts.isLinkFor(attempt, 43, sameSession)).as("another account").isFalse();
		MockHttpServletRequest newSession = fromThisBrowser();
		newSession.setSession(new MockHttpSession());
		assertThat(this.attempts.isLinkFor(attempt, 42, newSession)).as("signed out and in again").isFalse();
		assertThat(this.attempts.isLinkFor(attempt, 42, fromThisBrowser())).as("no session").isFalse();
	}

	private void save(PendingSignIn pending, String returnTo, boolean rememberMe) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.attempts.save(fromThisBrowser(), response, pending, returnTo, rememberMe);
		this.binding = response.getCookie(BrowserBinding.COOKIE);
	}

	/** A request from the browser that started the attempts (with their binding cookie, once there is one). */
	private MockHttpServletRequest fromThisBrowser() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (this.binding != null) {
			request.setCookies(new Cookie(BrowserBinding.COOKIE, this.binding.getValue()));
		}
		return request;
	}

	private static PendingSignIn pending(String provider, String key) {
		return new PendingSignIn(provider, key, URI.create("https://provider.example/authorize"), key);
	}

}
