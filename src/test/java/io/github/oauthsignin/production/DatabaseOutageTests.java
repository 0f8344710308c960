package io.github.oauthsignin.production;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.support.Directories;
import io.github.oauthsignin.support.Ports;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away under a running app and comes back: pages answer 503 "temporarily unavailable" within a
 * few seconds, without a stack trace, and everything works again without a restart of the app.
 */
class DatabaseOutageTests {

	private EmbeddedPostgres postgres;

	private StandInProviders standIns;

	private FakeFacebook facebook;

	private ConfigurableApplicationContext app;

	private Path dataDirectory;

	@AfterEach
	void stopEverything() throws IOException {
		if (this.app != null) {
			this.app.close();
		}
		if (this.standIns != null) {
			this.standIns.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
		Directories.deleteRecursively(this.dataDirectory);
	}

	@Test
	void pagesWhenDatabaseDownThen503QuicklyAndRecoverWhenItIsBack() throws Exception {
		this.dataDirectory = Files.createTempDirectory("signin-pg");
		int databasePort = Ports.free();
		this.postgres = startPostgres(databasePort);
		this.standIns = StandInProviders.facebookAndTwitter("outage-app", "outage-secret", "outage-consumer",
				"outage-consumer-secret");
		this.facebook = this.standIns.fake("facebook", FakeFacebook.class);
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=" + this.postgres.getJdbcUrl("postgres", "postgres")));
		arguments.addAll(this.standIns.arguments());
		this.app = new SpringApplicationBuilder(SignInApplication.class).run(arguments.toArray(String[]::new));
		URI base = URI.create("http://localhost:" + ((WebServerApplicationContext) this.app).getWebServer().getPort());
		this.standIns.allowCallbacksAt(base.toString());
		this.facebook.nextPerson(new FakePerson("6001", "Patient Person", "x", null, null));
		TestBrowser browser = new TestBrowser(base);
		assertThat(browser.pressAndFollow(browser.open("/"), "Sign in with Facebook").greeting())
			.contains("Hi, Patient Person!");
		assertThat(browser.get("/healthz").statusCode()).isEqualTo(200);

		this.postgres.close();

		long started = System.nanoTime();
		TestBrowser.Page down = browser.open("/");
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(down.status()).isEqualTo(503);
		assertThat(down.document().text()).contains("Temporarily unavailable").doesNotContain("Exception");
		assertThat(took).isLessThan(Duration.ofSeconds(10));
		assertThat(browser.get("/healthz").statusCode()).isEqualTo(503);
		TestBrowser stranger = new TestBrowser(base);
		TestBrowser.Page strangerPage = stranger.open("/");
		assertThat(strangerPage.status()).isIn(200, 503);
		assertThat(strangerPage.document().text()).doesNotContain("Exception");

		this.postgres = startPostgres(databasePort);

		TestBrowser.Page back = openOnceDatabaseIsBack(browser, Duration.ofSeconds(20));
		assertThat(back.status()).as(back.html()).isEqualTo(200);
		assertThat(back.greeting()).contains("Hi, Patient Person!");
		assertThat(browser.get("/healthz").statusCode()).isEqualTo(200);
		TestBrowser later = new TestBrowser(base);
		this.facebook.nextPerson(new FakePerson("6002", "After Outage", "x", null, null));
		assertThat(later.pressAndFollow(later.open("/"), "Sign in with Facebook").greeting())
			.contains("Hi, After Outage!");
	}

	/**
	 * Opens the home page until the app answers other than 503. The pool reconnects on its own, between attempts
	 * that back off while the database was away, so the first page after the restart may still meet it waiting;
	 * each of those answers must be the clean "temporarily unavailable" page.
	 */
	private static TestBrowser.Page openOnceDatabaseIsBack(TestBrowser browser, Duration within)
			throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		TestBrowser.Page page = browser.open("/");
		while (page.status() == 503 && System.nanoTime() < deadline) {
			assertThat(page.document().text()).contains("Temporarily unavailable").doesNotContain("Exception");
			Thread.sleep(250);
			page = browser.open("/");
		}
		return page;
	}

	/** Starts PostgreSQL on this port and data directory, keeping the data when it stops (a real outage). */
	private EmbeddedPostgres startPostgres(int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.start();
	}

}
