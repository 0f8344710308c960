package io.github.oauthsignin.signin;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start brake with two instances on one PostgreSQL server (3 starts a minute per client address): one budget
 * for the address across both, not one each, kept in {@code sign_in_brake}, whose rows go once they have expired.
 */
class SharedBrakeOnPostgresTests {

	private static EmbeddedPostgres postgres;

	private static StandInProviders standIns;

	private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeAll
	static void start() throws IOException, SQLException {
		postgres = EmbeddedPostgres.builder().start();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database signin");
		}
		standIns = StandInProviders.facebookAndTwitter("brake-app", "brake-app-secret", "brake-consumer",
				"brake-consumer-secret");
		for (int instance = 0; instance < 2; instance++) {
			List<String> arguments = new ArrayList<>(List.of("--server.port=0",
					"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "signin"),
					"--signin.brake.starts-per-minute=3"));
			arguments.addAll(standIns.arguments());
			ConfigurableApplicationContext context = new SpringApplicationBuilder(SignInApplication.class)
				.run(arguments.toArray(String[]::new));
			standIns.allowCallbacksAt(base(context).toString());
			instances.add(context);
		}
	}

	@AfterAll
	static void stop() throws IOException {
		instances.forEach(ConfigurableApplicationContext::close);
		standIns.close();
		postgres.close();
	}

	@Test
	void startsWhenSpreadOverTwoInstancesThenOneBudgetForTheAddress() {
		FakeTwitter twitter = standIns.fake("twitter", FakeTwitter.class);
		int requestTokens = twitter.calls(FakeTwitter.REQUEST_TOKEN);
		List<Integer> statuses = new ArrayList<>();
		for (int press = 0; press < 6; press++) {
			ConfigurableApplicationContext instance = instances.get(press % 2);
			TestBrowser script = new TestBrowser(base(instance));
			statuses.add(script.press(script.open("/"), "Sign in with X", Map.of()).statusCode());
		}
		assertThat(statuses).containsExactly(302, 302, 302, 429, 429, 429);
		assertThat(twitter.calls(FakeTwitter.REQUEST_TOKEN) - requestTokens).isEqualTo(3);
		JdbcTemplate jdbc = instances.get(0).getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForList("select id from sign_in_brake", String.class)).contains("127.0.0.1");
		assertThat(jdbc.queryForObject("select expires_at from sign_in_brake where id = '127.0.0.1'", Long.class))
			.as("expires once full again, within about a minute").isBetween(System.currentTimeMillis(),
					System.currentTimeMillis() + 70_000);
	}

	@Test
	void expiredRowsWhenCleanedThenGoneAndTheLiveOnesStay() {
		JdbcTemplate jdbc = instances.get(1).getBean(JdbcTemplate.class);
		for (int row = 0; row < 2500; row++) {
			jdbc.update("insert into sign_in_brake (id, state, expires_at) values (?, null, ?)", "198.51.100.x" + row,
					System.currentTimeMillis() - 1000);
		}
		jdbc.update("insert into sign_in_brake (id, state, expires_at) values ('192.0.2.1', null, ?)",
				System.currentTimeMillis() + 60_000);
		assertThat(instances.get(1).getBean(StartBrakeConfiguration.SharedBrakeBuckets.class).removeExpired())
			.isEqualTo(2500);
		assertThat(jdbc.queryForList("select id from sign_in_brake where id like '198.51.100.%'", String.class)).isEmpty();
		assertThat(jdbc.queryForList("select id from sign_in_brake where id = '192.0.2.1'", String.class)).hasSize(1);
	}

	private static URI base(ConfigurableApplicationContext context) {
		return URI.create("http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort() + "/");
	}

}
