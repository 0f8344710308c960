package io.github.oauthsignin.signin;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Too many sign-ins started from one client address within a minute ({@link SignInStartLimiter}): answered with 429,
 * {@code Retry-After: 60} and the app's error page, before the provider is contacted.
 */
class TooManySignInStartsException extends ResponseStatusException {

	TooManySignInStartsException(String providerId) {
		super(HttpStatus.TOO_MANY_REQUESTS, "too many sign-ins started from one address with " + providerId);
	}

	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "60");
		return headers;
	}

}
