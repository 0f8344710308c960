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
		this.dataSource.setJdbcUrl(newDatabase());
		Flyway.configure().dataSource(this.dataSource).load().migrate();
		return new DatabasePendingAttempts(new JdbcTemplate(this.dataSource), limits, this.clock, this.registry);
	}

	/** The JDBC URL of a new, empty database. */
	String newDatabase() {
		return "jdbc:h2:mem:pending-" + UUID.randomUUID();
	}

}
