package io.github.oauthsignin.signin;

import java.io.Serializable;
import java.net.URI;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;

import io.github.oauthsignin.web.ClientAddress;

/**
 * Sign-ins that need no trip to a provider but a challenge the browser answers, such as a passkey's: kept like a
 * provider's attempt, in the bounded {@link PendingAttemptStore}, bound to the browser by its {@link BrowserBinding}
 * cookie (never in an HTTP session), handed out once and forgotten after {@code signin.pending.timeout}; started
 * through the same brake per client address.
 */
@Component
public class SignInChallenges {

	private final SignInStartLimiter limiter;

	private final SignInFailures failures;

	private final PendingSignIns pendingSignIns;

	SignInChallenges(SignInStartLimiter limiter, SignInFailures failures, PendingSignIns pendingSignIns) {
		this.limiter = limiter;
		this.failures = failures;
		this.pendingSignIns = pendingSignIns;
	}

	/**
	 * Keeps a new challenge for the browser that sent this request.
	 * @param wayIn what the challenge signs in with, such as {@code passkey}
	 * @param key what names the challenge when the browser answers it (unguessable)
	 * @param state what checking the answer needs
	 * @return false, and nothing kept, when this client address has started too many sign-ins
	 */
	public boolean start(HttpServletRequest request, HttpServletResponse response, String wayIn, String key,
			Serializable state, String returnTo, boolean rememberMe) {
		if (!this.limiter.tryStart(ClientAddress.of(request).orElse(null))) {
			this.failures.rateLimited(wayIn);
			return false;
		}
		this.pendingSignIns.save(request, response, new PendingSignIn(wayIn, key, URI.create(returnTo), state),
				returnTo, rememberMe);
		return true;
	}

	/** Removes and returns the challenge with this key, when this browser was given it and it has not expired. */
	public Optional<PendingAttempt> take(HttpServletRequest request, String wayIn, String key) {
		return this.pendingSignIns.take(request, wayIn, Optional.ofNullable(key));
	}

}
