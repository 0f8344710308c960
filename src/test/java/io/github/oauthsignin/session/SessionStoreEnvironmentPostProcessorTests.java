package io.github.oauthsignin.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import io.github.oauthsignin.config.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SessionStoreEnvironmentPostProcessorTests {

	private static final String JDBC_SESSIONS = "org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration";

	@ParameterizedTest
	@CsvSource({ "jdbc:h2:file:./data/oauth-signin, memory", "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1, memory",
			"jdbc:postgresql://db:5432/signin, database", "jdbc:h2:tcp://db/signin, database",
			"jdbc:h2:file:./data/x;AUTO_SERVER=TRUE, database" })
	void autoWhenDatabaseIsThenStoreIs(String url, String store) {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", url);
		process(environment);
		assertThat(environment.getProperty("signin.sessions.store")).isEqualTo(store);
		assertThat(environment.getProperty("spring.autoconfigure.exclude", ""))
			.satisfies((excluded) -> assertThat(excluded.contains(JDBC_SESSIONS)).isEqualTo(store.equals("memory")));
	}

	@Test
	void autoWhenNoUrlThenMemory() {
		MockEnvironment environment = new MockEnvironment();
		process(environment);
		assertThat(environment.getProperty("signin.sessions.store")).isEqualTo("memory");
	}

	@Test
	void explicitStoreWinsOverTheDatabase() {
		MockEnvironment onH2 = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:x")
			.withProperty("signin.sessions.store", "database");
		process(onH2);
		assertThat(onH2.getProperty("signin.sessions.store")).isEqualTo("database");
		assertThat(onH2.getProperty("spring.autoconfigure.exclude")).isNull();

		MockEnvironment onPostgres = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db/signin")
			.withProperty("signin.sessions.store", "MEMORY");
		process(onPostgres);
		assertThat(onPostgres.getProperty("signin.sessions.store")).isEqualTo("memory");
	}

	@Test
	void memoryWhenOtherExclusionsThenKept() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:x")
			.withProperty("spring.autoconfigure.exclude", "com.example.One,com.example.Two");
		process(environment);
		assertThat(environment.getProperty("spring.autoconfigure.exclude"))
			.isEqualTo("com.example.One,com.example.Two," + JDBC_SESSIONS);
	}

	@Test
	void unknownStoreThenRefusedNamingTheSetting() {
		MockEnvironment environment = new MockEnvironment().withProperty("signin.sessions.store", "redis");
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> process(environment))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("signin.sessions.store"))
			.withMessageContaining("auto, memory or database");
	}

	@ParameterizedTest
	@CsvSource({ "jdbc:h2:file:./data/oauth-signin, /srv/a/data/sessions",
			"jdbc:h2:./data/oauth-signin;MODE=PostgreSQL, /srv/a/data/sessions",
			"jdbc:h2:file:/var/lib/signin/db, /var/lib/signin/sessions", "jdbc:h2:~/signin/db, /home/signin/signin/sessions",
			"jdbc:h2:file:../shared/db, /srv/shared/sessions", "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1, /srv/a/data/sessions" })
	void memoryWhenStoreDirectoryUnsetThenBesideTheH2FileFromTheWorkingFolderNeverTheJars(String url, String directory) {
		MockEnvironment environment = startedIn("/srv/a").withProperty("spring.datasource.url", url);
		process(environment);
		assertThat(environment.getProperty("server.servlet.session.store-dir")).isEqualTo(directory);
	}

	@ParameterizedTest
	@CsvSource({ "./data/sessions, /srv/a/data/sessions", "sessions, /srv/a/sessions",
			"/var/lib/signin/sessions, /var/lib/signin/sessions" })
	void memoryWhenStoreDirectorySetThenARelativeOneFromTheWorkingFolder(String configured, String directory) {
		MockEnvironment environment = startedIn("/srv/a").withProperty("spring.datasource.url", "jdbc:h2:mem:x")
			.withProperty("server.servlet.session.store-dir", configured);
		process(environment);
		assertThat(environment.getProperty("server.servlet.session.store-dir")).isEqualTo(directory);
	}

	@Test
	void databaseStoreLeavesTheStoreDirectoryAlone() {
		MockEnvironment environment = startedIn("/srv/a").withProperty("spring.datasource.url",
				"jdbc:postgresql://db/signin");
		process(environment);
		assertThat(environment.getProperty("server.servlet.session.store-dir")).isNull();
	}

	private static MockEnvironment startedIn(String workingFolder) {
		return new MockEnvironment().withProperty("user.dir", workingFolder).withProperty("user.home", "/home/signin");
	}

	private static void process(MockEnvironment environment) {
		new SessionStoreEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
	}

}
