package io.github.oauthsignin.signin;

import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The store every instance shares, in the database: here an H2 database of its own per test, with the app's own
 * migrations ({@code DatabasePendingAttemptsOnPostgresTests} runs the same on PostgreSQL).
 */
class DatabasePendingAttemptsTests extends PendingAttemptStoreContract {

	private HikariDataSource dataSource;

	@AfterEach
	void closeDatabase() {
		this.dataSource.close();
	}

	@Override
	PendingAttemptStore newStore(SignInProperties.Pending limits) {
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl("jdbc:h2:mem:pending-" + UUID.randomUUID());
		this.dataSource.setUsername("sa");
		HikariDataSource dataSource = this.dataSource;
		Flyway.configure().dataSource(dataSource).load().migrate();
		return new DatabasePendingAttempts(new JdbcTemplate(dataSource), limits, this.clock, this.registry);
	}

}
