package io.github.oauthsignin.session;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.account.AccountDeletion;
import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-instance default: an app on an H2 file keeps its sessions in Tomcat's memory, and a restart (a
 * graceful stop, then a start) keeps them, as the database store does. A session read back after the restart is
 * still found when the person must be signed out everywhere.
 */
class MemorySessionsAcrossRestartTests {

	private static StandInProviders standIns;

	private static FakeFacebook facebook;

	@TempDir
	Path directory;

	private ConfigurableApplicationContext app;

	@BeforeAll
	static void startProviders() {
		standIns = StandInProviders.facebookAndTwitter("restart-app", "restart-app-secret", "restart-consumer",
				"restart-consumer-secret");
		facebook = standIns.fake("facebook", FakeFacebook.class);
	}

	@AfterAll
	static void stopProviders() throws Exception {
		standIns.close();
	}

	@AfterEach
	void stopApp() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void restartWhenSignedInThenStillSignedInAndSignOutEverywhereReachesTheSession() {
		this.app = start(0);
		int port = port();
		assertThat(this.app.getEnvironment().getProperty("signin.sessions.store")).isEqualTo("memory");
		TestBrowser browser = new TestBrowser(URI.create("http://localhost:" + port + "/"));
		facebook.nextPerson(new FakePerson("9201", "Restarted Rosa", "rosa", null, null));
		assertThat(browser.pressAndFollow(browser.open("/"), "Sign in with Facebook").greeting())
			.contains("Hi, Restarted Rosa!");
		long id = this.app.getBean(JdbcTemplate.class)
			.queryForObject("select user_id from identities where provider_user_id = '9201'", Long.class);
		assertThat(this.app.getBean(SignedInSessions.class).count(Long.toString(id))).isOne();

		this.app.close();
		assertThat(this.directory.resolve("sessions/SESSIONS.ser")).exists();
		this.app = start(port);

		assertThat(browser.open("/").greeting()).contains("Hi, Restarted Rosa!");
		assertThat(this.app.getBean(SignedInSessions.class).count(Long.toString(id))).isOne();
		this.app.getBean(AccountDeletion.class).signOutEverywhere(id);
		assertThat(this.app.getBean(SignedInSessions.class).count(Long.toString(id))).isZero();
		assertThat(browser.open("/").greeting()).isEmpty();
	}

	private ConfigurableApplicationContext start(int port) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + port,
				"--spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("db/signin"),
				"--server.servlet.session.persistent=true",
				"--server.servlet.session.store-dir=" + this.directory.resolve("sessions")));
		arguments.addAll(standIns.arguments());
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SignInApplication.class)
			.run(arguments.toArray(String[]::new));
		standIns.allowCallbacksAt("http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort());
		return context;
	}

	private int port() {
		return ((WebServerApplicationContext) this.app).getWebServer().getPort();
	}

}
