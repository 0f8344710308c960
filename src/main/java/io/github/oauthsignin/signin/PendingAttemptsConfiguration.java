package io.github.oauthsignin.signin;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link PendingAttemptStore} that goes with the session store ({@code signin.sessions.store}, resolved to
 * {@code memory} or {@code database} at start-up): in memory for a single instance, in the database when several
 * instances share their sessions there.
 */
@Configuration(proxyBeanMethods = false)
class PendingAttemptsConfiguration {

	private static final String STORE = "signin.sessions.store";

	@Bean
	@ConditionalOnProperty(name = STORE, havingValue = "database")
	DatabasePendingAttempts databasePendingAttempts(JdbcTemplate jdbc, SignInProperties properties, Clock clock,
			MeterRegistry registry) {
		return new DatabasePendingAttempts(jdbc, properties.pending(), clock, registry);
	}

	@Bean
	@ConditionalOnProperty(name = STORE, havingValue = "memory", matchIfMissing = true)
	MemoryPendingAttempts memoryPendingAttempts(SignInProperties properties, Clock clock, MeterRegistry registry) {
		return new MemoryPendingAttempts(properties.pending(), clock, registry);
	}

}
