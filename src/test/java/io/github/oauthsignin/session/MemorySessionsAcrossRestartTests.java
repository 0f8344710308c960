package io.github.oauthsignin.session;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
import io.github.oauthsignin.support.Directories;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-instance default: an app on an H2 file keeps its sessions in Tomcat's memory, and a restart (a
 * graceful stop, then a start) keeps them, as the database store does. A session read back after the restart is
 * still found when the person must be signed out everywhere. A saved session belongs to its database: read back by
 * an app on another database, or on this one restored from before the session's account existed, it signs nobody
 * in, and nothing of it reaches a page.
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

	@Test
	void restartWhenTheDatabaseIsAnotherThenTheSavedSessionSignsNobodyIn() {
		// Two apps on two databases sharing one store directory, as two folders shared the jar's folder before.
		this.app = start(0, "first");
		int port = port();
		TestBrowser katherine = new TestBrowser(URI.create("http://localhost:" + port + "/"));
		facebook.nextPerson(new FakePerson("9202", "Katherine First", "katherine", null, null));
		assertThat(katherine.pressAndFollow(katherine.open("/"), "Sign in with Facebook").greeting())
			.contains("Hi, Katherine First!");
		long katherineId = idOf("9202");
		this.app.close();

		this.app = start(port, "second");
		TestBrowser.Page home = katherine.open("/");
		assertThat(home.greeting()).isEmpty();
		assertThat(home.html()).doesNotContain("Katherine");
		assertThat(home.document().select("button").eachText()).contains("Sign in with Facebook");
		facebook.nextPerson(new FakePerson("9203", "Hedy Second", "hedy", null, null));
		TestBrowser hedy = new TestBrowser(URI.create("http://localhost:" + port + "/"));
		assertThat(hedy.pressAndFollow(hedy.open("/"), "Sign in with Facebook").greeting())
			.contains("Hi, Hedy Second!");
		assertThat(idOf("9203")).as("the same user id as Katherine's in the first database").isEqualTo(katherineId);
		assertThat(katherine.open("/").greeting()).isEmpty();
		assertThat(katherine.open("/account").html()).doesNotContain("Hedy").doesNotContain("Katherine");
	}

	@Test
	void restartWhenTheDatabaseWasRestoredFromBeforeTheAccountThenTheSavedSessionSignsNobodyIn() throws Exception {
		this.app = start(0);
		int port = port();
		this.app.close();
		Path backup = this.directory.resolve("backup");
		copy(this.directory.resolve("db"), backup);

		this.app = start(port);
		TestBrowser rosa = new TestBrowser(URI.create("http://localhost:" + port + "/"));
		facebook.nextPerson(new FakePerson("9204", "Rosa Lost", "rosa", null, null));
		assertThat(rosa.pressAndFollow(rosa.open("/"), "Sign in with Facebook").greeting()).contains("Hi, Rosa Lost!");
		long rosaId = idOf("9204");
		this.app.close();
		Directories.deleteRecursively(this.directory.resolve("db"));
		copy(backup, this.directory.resolve("db"));

		this.app = start(port);
		TestBrowser grace = new TestBrowser(URI.create("http://localhost:" + port + "/"));
		facebook.nextPerson(new FakePerson("9205", "Grace Restored", "grace", null, null));
		assertThat(grace.pressAndFollow(grace.open("/"), "Sign in with Facebook").greeting())
			.contains("Hi, Grace Restored!");
		assertThat(idOf("9205")).as("the restored database gives Rosa's id again").isEqualTo(rosaId);
		TestBrowser.Page home = rosa.open("/");
		assertThat(home.greeting()).isEmpty();
		assertThat(home.html()).doesNotContain("Grace").doesNotContain("Rosa");
	}

	private long idOf(String facebookId) {
		return this.app.getBean(JdbcTemplate.class)
			.queryForObject("select user_id from identities where provider_user_id = ?", Long.class, facebookId);
	}

	private static void copy(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		try (Stream<Path> files = Files.list(from)) {
			for (Path file : files.toList()) {
				Files.copy(file, to.resolve(file.getFileName()));
			}
		}
	}

	private ConfigurableApplicationContext start(int port) {
		return start(port, "db");
	}

	private ConfigurableApplicationContext start(int port, String database) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + port,
				"--spring.datasource.url=jdbc:h2:file:" + this.directory.resolve(database + "/signin"),
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
