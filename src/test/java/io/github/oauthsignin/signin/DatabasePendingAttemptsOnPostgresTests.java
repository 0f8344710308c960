package io.github.oauthsignin.signin;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.jdbc.core.JdbcTemplate;

/** The database store on a real PostgreSQL (embedded), a fresh database per test, with the app's migrations. */
class DatabasePendingAttemptsOnPostgresTests extends PendingAttemptStoreContract {

	private static final AtomicInteger databases = new AtomicInteger();

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	private HikariDataSource dataSource;

	@AfterEach
	void closeDatabase() {
		this.dataSource.close();
	}

	@Override
	PendingAttemptStore newStore(SignInProperties.Pending limits) {
		String name = "pending" + databases.incrementAndGet();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", name));
		Flyway.configure().dataSource(this.dataSource).load().migrate();
		return new DatabasePendingAttempts(new JdbcTemplate(this.dataSource), limits, this.clock, this.registry);
	}

}
