package io.github.oauthsignin.signin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.github.oauthsignin.web.PageMessages;

/**
 * Says what went wrong with a sign-in (or a connection) in plain words, as a message for the next page, and in one
 * log line that never holds a token: cancelled at the provider, no such attempt here, an answer that failed our
 * checks, a provider that failed.
 */
@Component
class SignInFailures {

	private static final Logger logger = LoggerFactory.getLogger(SignInFailures.class);

	private final SignInProviders providers;

	private final PageMessages messages;

	SignInFailures(SignInProviders providers, PageMessages messages) {
		this.providers = providers;
		this.messages = messages;
	}

	/** Logs the failure and leaves its message for the page the browser goes to next. */
	void report(SignInException ex, RedirectAttributes flash) {
		String name = this.providers.displayName(ex.providerId());
		if (ex instanceof SignInCancelledException) {
			this.messages.flash(flash, "signin.cancelled", name);
			logger.info("Sign-in with {} cancelled by the person", ex.providerId());
		}
		else if (ex instanceof NoPendingSignInException) {
			this.messages.flash(flash, "signin.expired");
			logger.info("Sign-in with {} refused: no matching attempt pending in this session", ex.providerId());
		}
		else if (ex instanceof SignInRejectedException) {
			this.messages.flash(flash, "signin.rejected", name);
			logger.warn("Sign-in with {} rejected: {}", ex.providerId(), LogSanitizer.oneLine(ex.getMessage()));
		}
		else {
			this.messages.flash(flash, "signin.failed", name);
			logger.warn("Sign-in with {} failed: {}", ex.providerId(), LogSanitizer.oneLine(ex.getMessage()));
		}
	}

}
