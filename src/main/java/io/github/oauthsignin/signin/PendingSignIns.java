package io.github.oauthsignin.signin;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

import io.github.oauthsignin.security.ReturnPaths;

/**
 * Keeps started sign-ins in the browser's HTTP session until the provider sends the browser back, and hands
 * each out once.
 * <p>
 * Several may be pending at once (two tabs, two providers), up to a small limit so that a script pressing the
 * button in a loop cannot grow the session: past it the oldest is dropped. The list is always written back
 * with {@code setAttribute}, so that session stores that save on write (Spring Session JDBC) see every change.
 * Two callbacks racing with the same key in one session may both find it; the provider's single-use code or
 * request token then refuses the second.
 */
@Component
class PendingSignIns {

	static final String SESSION_ATTRIBUTE = PendingSignIns.class.getName() + ".ATTEMPTS";

	private final SignInProperties.Pending limits;

	private final Clock clock;

	PendingSignIns(SignInProperties properties, Clock clock) {
		this.limits = properties.pending();
		this.clock = clock;
	}

	/** Remembers a sign-in attempt in this session. */
	void save(HttpSession session, PendingSignIn pending, String returnTo, boolean rememberMe) {
		save(session, new Attempt(pending, returnTo, rememberMe, null, this.clock.instant()));
	}

	/**
	 * Remembers an attempt to connect an identity to the account signed in to this session. It lives in this
	 * session only: signing out (which ends the session) cancels it.
	 * @param userId the account it is for; the callback links only while that account is signed in here
	 */
	void saveLink(HttpSession session, PendingSignIn pending, long userId) {
		save(session, new Attempt(pending, ReturnPaths.ACCOUNT, false, userId, this.clock.instant()));
	}

	private void save(HttpSession session, Attempt attempt) {
		List<Attempt> attempts = new ArrayList<>(current(session));
		attempts.removeIf(this::isExpired);
		while (attempts.size() >= this.limits.maxPerSession()) {
			attempts.remove(0);
		}
		attempts.add(attempt);
		session.setAttribute(SESSION_ATTRIBUTE, attempts);
	}

	/**
	 * Removes and returns the attempt of this provider that has this key, if this session holds one that has
	 * not expired.
	 */
	Optional<Attempt> take(HttpServletRequest request, String providerId, Optional<String> key) {
		HttpSession session = request.getSession(false);
		if (session == null || key.isEmpty()) {
			return Optional.empty();
		}
		List<Attempt> attempts = current(session);
		for (Attempt attempt : attempts) {
			if (attempt.pending().providerId().equals(providerId) && sameKey(attempt.pending().key(), key.get())) {
				List<Attempt> rest = new ArrayList<>(attempts);
				rest.remove(attempt);
				rest.removeIf(this::isExpired);
				session.setAttribute(SESSION_ATTRIBUTE, rest);
				return isExpired(attempt) ? Optional.empty() : Optional.of(attempt);
			}
		}
		return Optional.empty();
	}

	private boolean isExpired(Attempt attempt) {
		return attempt.startedAt().plus(this.limits.timeout()).isBefore(this.clock.instant());
	}

	@SuppressWarnings("unchecked")
	private static List<Attempt> current(HttpSession session) {
		Object value = session.getAttribute(SESSION_ATTRIBUTE);
		return (value instanceof List<?> list) ? (List<Attempt>) list : List.of();
	}

	private static boolean sameKey(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A pending sign-in and what the app does once it succeeds.
	 * @param pending the provider's part
	 * @param returnTo the same-origin path to go to after signing in
	 * @param rememberMe whether the person asked to stay signed in
	 * @param linkingUserId for an attempt to connect an identity, the account it is for; null for a sign-in
	 * @param startedAt when the sign-in began
	 */
	record Attempt(PendingSignIn pending, String returnTo, boolean rememberMe, Long linkingUserId, Instant startedAt)
			implements Serializable {

		boolean isLink() {
			return this.linkingUserId != null;
		}

	}

}
