package io.github.oauthsignin.signin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.github.oauthsignin.signin.SignInMetrics.Outcome;
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

	private final SignInMetrics metrics;

	SignInFailures(SignInProviders providers, PageMessages messages, SignInMetrics metrics) {
		this.metrics = metrics;
		this.providers = providers;
		this.messages = messages;
	}

	/** Logs the failure, counts it, and leaves its message for the page the browser goes to next. */
	void report(SignInException ex, RedirectAttributes flash) {
		String provider = ex.providerId();
		String name = this.providers.displayName(provider);
		if (ex instanceof SignInCancelledException) {
			this.messages.flash(flash, "signin.cancelled", name);
			line(logger.atInfo(), provider, Outcome.CANCELLED).log("Sign-in with {} cancelled by the person", provider);
		}
		else if (ex instanceof NoPendingSignInException) {
			this.messages.flash(flash, "signin.expired");
			line(logger.atInfo(), provider, Outcome.EXPIRED)
				.log("Sign-in with {} refused: no matching attempt pending for this browser", provider);
		}
		else if (ex instanceof SignInRejectedException) {
			this.messages.flash(flash, "signin.rejected", name);
			line(logger.atWarn(), provider, Outcome.PROVIDER_FAILED).log("Sign-in with {} rejected: {}", provider,
					LogSanitizer.oneLine(ex.getMessage()));
		}
		else {
			this.messages.flash(flash, "signin.failed", name);
			line(logger.atWarn(), provider, Outcome.PROVIDER_FAILED).log("Sign-in with {} failed: {}", provider,
					LogSanitizer.oneLine(ex.getMessage()));
		}
	}

	/** A start refused by the brake, before the provider was contacted. */
	void rateLimited(String provider) {
		line(logger.atWarn(), provider, Outcome.RATE_LIMITED)
			.log("Sign-in with {} refused: too many started from one address", provider);
	}

	private LoggingEventBuilder line(LoggingEventBuilder line, String provider, Outcome outcome) {
		this.metrics.count(provider, outcome);
		return line.addKeyValue("provider", provider).addKeyValue("outcome", outcome.tag());
	}

}
