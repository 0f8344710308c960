package io.github.oauthsignin.production;

import java.io.IOException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.support.StandIn;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration to identities (V3) on a database that holds accounts made by the previous schema, on H2 and on
 * PostgreSQL: every account keeps its id, its one identity is what {@code users.social_id} said, with the details and
 * dates it had, and signing in with it still lands in it.
 */
class IdentitiesMigrationTests {

	private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

	private static final Instant LAST = Instant.parse("2026-11-01T10:00:00Z");

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@Test
	void migrateWhenAccountsOfThePreviousSchemaOnH2ThenEachKeepsItsIdentityAndSignsIn() {
		String url = "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		assertMigratedAndSignInWorks(new DriverManagerDataSource(url, "sa", ""), url, "sa", "");
	}

	@Test
	void migrateWhenAccountsOfThePreviousSchemaOnPostgresThenEachKeepsItsIdentityAndSignsIn() throws Exception {
		String database = "migration_" + UUID.randomUUID().toString().replace("-", "");
		new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database " + database);
		String url = postgres.getJdbcUrl("postgres", database);
		assertMigratedAndSignInWorks(new DriverManagerDataSource(url, "postgres", "postgres"), url, "postgres",
				"postgres");
	}

	private static void assertMigratedAndSignInWorks(DataSource dataSource, String url, String user, String password) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("2").load().migrate();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		long ada = insertOldAccount(jdbc, "facebook$10150000000000001", "Ada Lovelace", "ada@example.com",
				"https://pictures.example/ada.jpg");
		long bob = insertOldAccount(jdbc, "twitter$1456789012345678901", "bob_on_x", null, null);

		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

		assertThat(jdbc.query("select user_id, provider, provider_user_id, name, email, picture_url "
				+ "from identities order by user_id",
				(rows, index) -> Arrays.asList(rows.getLong(1), rows.getString(2), rows.getString(3),
						rows.getString(4), rows.getString(5), rows.getString(6))))
			.containsExactly(Arrays.asList(ada, "facebook", "10150000000000001", "Ada Lovelace", "ada@example.com",
					"https://pictures.example/ada.jpg"),
					Arrays.asList(bob, "twitter", "1456789012345678901", "bob_on_x", null, null));
		assertThat(jdbc.queryForObject("select linked_at from identities where user_id = ?", Timestamp.class, ada)
			.toInstant()).isEqualTo(CREATED);
		assertThat(jdbc.queryForObject("select last_used_at from identities where user_id = ?", Timestamp.class, ada)
			.toInstant()).isEqualTo(LAST);
		assertThat(jdbc.queryForList("select * from users where id = ?", ada).get(0)).as("social_id is gone")
			.doesNotContainKey("social_id");
		assertThat(jdbc.queryForList("select session_version from users", Long.class)).as("a random one each (V8)")
			.doesNotHaveDuplicates()
			.doesNotContain(0L);

		try (StandInProviders facebook = StandInProviders.start(StandIn.facebook("migration-app", "migration-secret"));
				ConfigurableApplicationContext app = start(url, user, password, facebook)) {
			facebook.fake("facebook", FakeFacebook.class)
				.nextPerson(new FakePerson("10150000000000001", "Ada Lovelace", "ada", "ada@example.com", null));
			TestBrowser browser = new TestBrowser(URI.create(base(app) + "/"));
			assertThat(browser.pressAndFollow(browser.open("/"), "Sign in with Facebook").greeting())
				.contains("Hi, Ada Lovelace!");
			assertThat(jdbc.queryForObject("select count(*) from users", Integer.class)).as("no new account")
				.isEqualTo(2);
			assertThat(jdbc.queryForObject("select user_id from identities where provider_user_id = ?", Long.class,
					"10150000000000001")).isEqualTo(ada);
		}
	}

	private static long insertOldAccount(JdbcTemplate jdbc, String socialId, String nickname, String email,
			String pictureUrl) {
		jdbc.update("insert into users (social_id, nickname, email, picture_url, created_at, last_sign_in_at) "
				+ "values (?, ?, ?, ?, ?, ?)", socialId, nickname, email, pictureUrl, Timestamp.from(CREATED),
				Timestamp.from(LAST));
		return jdbc.queryForObject("select id from users where social_id = ?", Long.class, socialId);
	}

	private static ConfigurableApplicationContext start(String url, String user, String password,
			StandInProviders standIns) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + user, "--spring.datasource.password=" + password));
		arguments.addAll(standIns.arguments());
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SignInApplication.class)
			.run(arguments.toArray(String[]::new));
		standIns.allowCallbacksAt(base(app));
		return app;
	}

	private static String base(ConfigurableApplicationContext app) {
		return "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
	}

}
