package io.github.oauthsignin.user;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets sign-ins older than {@code signin.history.retention}, every hour and once shortly after start. Every
 * instance does it; the delete is the same on each, so running it twice is harmless.
 */
@Component
public class SignInHistoryRetention {

	private static final Logger logger = LoggerFactory.getLogger(SignInHistoryRetention.class);

	private final SignInHistory history;

	private final SignInHistoryProperties properties;

	private final Clock clock;

	SignInHistoryRetention(SignInHistory history, SignInHistoryProperties properties, Clock clock) {
		this.history = history;
		this.properties = properties;
		this.clock = clock;
	}

	/** Deletes the sign-ins older than the retention period. */
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
	public int forgetExpired() {
		int deleted = this.history.deleteOlderThan(this.clock.instant().minus(this.properties.retention()));
		if (deleted > 0) {
			logger.info("Sign-in history: {} sign-ins older than {} forgotten", deleted, this.properties.retention());
		}
		return deleted;
	}

}
