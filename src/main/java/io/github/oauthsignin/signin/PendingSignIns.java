package io.github.oauthsignin.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

import io.github.oauthsignin.security.ReturnPaths;
import io.github.oauthsignin.security.SignOutCleanup;

/**
 * Keeps started sign-ins until the provider sends the browser back, and hands each out once, to that browser only:
 * in a bounded {@link PendingAttemptStore}, bound to the browser by its {@link BrowserBinding} cookie, never in an
 * HTTP session (a visitor who starts a sign-in and never comes back costs the server one bounded, expiring entry).
 * <p>
 * Several may be pending at once in one browser (two tabs, two providers), up to
 * {@code signin.pending.max-per-browser}. A connection (linking an identity to the signed-in account) names the
 * account it is for and the session it was started in: the callback links only in that same signed-in session.
 * Signing out forgets every attempt of the browser, as it ends the session.
 */
@Component
public class PendingSignIns implements SignOutCleanup {

	private final PendingAttemptStore store;

	private final BrowserBinding browsers;

	private final Clock clock;

	PendingSignIns(PendingAttemptStore store, BrowserBinding browsers, Clock clock) {
		this.store = store;
		this.browsers = browsers;
		this.clock = clock;
	}

	/** Remembers a sign-in attempt for the browser that sent this request. */
	void save(HttpServletRequest request, HttpServletResponse response, PendingSignIn pending, String returnTo,
			boolean rememberMe) {
		save(request, response, new PendingAttempt(pending, returnTo, rememberMe, null, null, this.clock.instant()));
	}

	/**
	 * Remembers an attempt to connect an identity to the account signed in to this request's session.
	 * @param userId the account it is for; the callback links only while that account is signed in, in this session
	 */
	void saveLink(HttpServletRequest request, HttpServletResponse response, PendingSignIn pending, long userId) {
		save(request, response, new PendingAttempt(pending, ReturnPaths.ACCOUNT, false, userId, sessionDigest(request),
				this.clock.instant()));
	}

	private void save(HttpServletRequest request, HttpServletResponse response, PendingAttempt attempt) {
		String browser = this.browsers.bind(request, response);
		this.store.save(attemptId(attempt.pending().providerId(), attempt.pending().key()), browserId(browser), attempt);
	}

	/**
	 * Removes and returns the attempt of this provider that has this key, if this request's browser started one that
	 * has not expired.
	 */
	Optional<PendingAttempt> take(HttpServletRequest request, String providerId, Optional<String> key) {
		Optional<String> browser = this.browsers.of(request);
		if (browser.isEmpty() || key.isEmpty()) {
			return Optional.empty();
		}
		return this.store.take(attemptId(providerId, key.get()), browserId(browser.get()))
			.filter((attempt) -> sameText(attempt.pending().key(), key.get()));
	}

	/** Signing out forgets every attempt this browser started, and its binding. */
	@Override
	public void forget(HttpServletRequest request, HttpServletResponse response) {
		Optional<String> browser = this.browsers.of(request);
		if (browser.isPresent()) {
			this.store.forget(browserId(browser.get()));
			this.browsers.unbind(request, response);
		}
	}

	/**
	 * Whether this connection attempt may link now: it was started by the account signed in now, in the session this
	 * request belongs to.
	 */
	boolean isLinkFor(PendingAttempt attempt, long signedInUserId, HttpServletRequest request) {
		String session = sessionDigest(request);
		return attempt.isLink() && attempt.linkingUserId() == signedInUserId && session != null
				&& attempt.linkingSession() != null && sameText(attempt.linkingSession(), session);
	}

	private static String sessionDigest(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null) ? digest("session", session.getId()) : null;
	}

	private static String browserId(String binding) {
		return digest("browser", binding);
	}

	private static String attemptId(String providerId, String key) {
		return digest("attempt", providerId, key);
	}

	/**
	 * A SHA-256 digest, in hex, of these parts (each ended by a zero character): what the stores file and compare
	 * instead of the secrets themselves.
	 */
	static String digest(String... parts) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			for (String part : parts) {
				sha256.update(part.getBytes(StandardCharsets.UTF_8));
				sha256.update((byte) 0);
			}
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/** Compares two texts in a time that does not depend on where they differ. */
	static boolean sameText(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
	}

}
