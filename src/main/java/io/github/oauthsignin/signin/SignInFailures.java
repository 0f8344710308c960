package io.github.oauthsignin.signin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Says what went wrong with a sign-in (or a connection) in plain words, as a message for the next page, and in one
 * log line that never holds a token: cancelled at the provider, no such attempt here, an answer that failed our
 * checks, a provider that failed.
 */
@Component
class SignInFailures {

	static final String MESSAGE = "message";

	static final String EXPIRED_MESSAGE = "That sign-in link has expired or was not started here.";

	private static final Logger logger = LoggerFactory.getLogger(SignInFailures.class);

	private final SignInProviders providers;

	SignInFailures(SignInProviders providers) {
		this.providers = providers;
	}

	/** Logs the failure and leaves its message for the page the browser goes to next. */
	void report(SignInException ex, RedirectAttributes flash) {
		String name = this.providers.displayName(ex.providerId());
		String message;
		if (ex instanceof SignInCancelledException) {
			message = "You cancelled signing in with " + name + ".";
			logger.info("Sign-in with {} cancelled by the person", ex.providerId());
		}
		else if (ex instanceof NoPendingSignInException) {
			message = EXPIRED_MESSAGE;
			logger.info("Sign-in with {} refused: no matching attempt pending in this session", ex.providerId());
		}
		else if (ex instanceof SignInRejectedException) {
			message = "The answer from " + name
					+ " did not pass our checks, so nobody was signed in. Please try again.";
			logger.warn("Sign-in with {} rejected: {}", ex.providerId(), LogSanitizer.oneLine(ex.getMessage()));
		}
		else {
			message = name + " did not answer, please try again.";
			logger.warn("Sign-in with {} failed: {}", ex.providerId(), LogSanitizer.oneLine(ex.getMessage()));
		}
		flash.addFlashAttribute(MESSAGE, message);
	}

	/** Leaves a message for the page the browser goes to next. */
	void tell(String message, RedirectAttributes flash) {
		flash.addFlashAttribute(MESSAGE, message);
	}

}
