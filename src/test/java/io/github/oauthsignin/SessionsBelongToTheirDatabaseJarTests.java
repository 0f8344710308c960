package io.github.oauthsignin;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.support.Directories;
import io.github.oauthsignin.support.FatJar;
import io.github.oauthsignin.support.JarProcess;
import io.github.oauthsignin.support.StandIn;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23, as a new user met it following the README: the same packaged jar started from two folders in turn, each
 * with its default H2 database under {@code ./data/}, and one browser per person, whose cookies go to either (cookies
 * know no port). A session belongs to the database it was made with: it survives a restart of the app in its own
 * folder, but never signs anyone in from the other folder, nor after its folder's database file was removed, even
 * when the new database gives another person the same user id; and nothing of it reaches a page.
 */
class SessionsBelongToTheirDatabaseJarTests {

	private StandInProviders standIns;

	private FakeFacebook facebook;

	private Path folders;

	private JarProcess inA;

	private JarProcess inB;

	@BeforeEach
	void startProviders() throws IOException {
		this.standIns = StandInProviders.start(StandIn.facebook("folders-app", "folders-app-secret"));
		this.facebook = this.standIns.fake("facebook", FakeFacebook.class);
		this.folders = Files.createTempDirectory("signin-folders");
		Files.createDirectories(this.folders.resolve("a"));
		Files.createDirectories(this.folders.resolve("b"));
		this.inA = jarIn(this.folders.resolve("a"));
		this.inB = jarIn(this.folders.resolve("b"));
	}

	@AfterEach
	void stopEverything() throws IOException, InterruptedException {
		this.inA.close();
		this.inB.close();
		this.standIns.close();
		Directories.deleteRecursively(this.folders);
	}

	@Test
	void sessionsStayWithTheDatabaseOfTheFolderTheyWereMadeIn() throws Exception {
		Instant began = Instant.now().minusSeconds(1);
		Path jarFolder = FatJar.locate().getParent();

		this.inA.start();
		TestBrowser katherine = new TestBrowser(URI.create(this.inA.baseUri() + "/"));
		assertThat(signIn(katherine, this.inA, new FakePerson("8101", "Katherine Johnson", "kj", null, null)))
			.contains("Hi, Katherine Johnson!");
		this.inA.stop();
		assertThat(this.folders.resolve("a/data/sessions/SESSIONS.ser")).as("beside A's database").exists();

		this.inB.start();
		TestBrowser hedy = new TestBrowser(URI.create(this.inB.baseUri() + "/"));
		assertThat(signIn(hedy, this.inB, new FakePerson("8102", "Hedy Lamarr", "hedy", null, null)))
			.contains("Hi, Hedy Lamarr!");
		this.inB.stop();
		assertThat(this.folders.resolve("b/data/sessions/SESSIONS.ser")).as("beside B's database").exists();
		assertThat(jarFolder.resolve("data/sessions/SESSIONS.ser")).as("nothing saved beside the jar")
			.satisfies((file) -> assertThat(!Files.exists(file)
					|| Files.getLastModifiedTime(file).compareTo(FileTime.from(began)) < 0).isTrue());

		this.inA.start();
		assertThat(open(katherine, this.inA).greeting()).as("a session survives a restart in its own folder")
			.contains("Hi, Katherine Johnson!");
		assertThat(open(hedy, this.inA)).as("Hedy's browser, from B, at A").satisfies(this::signedOutShowingNobody);
		this.inA.stop();

		Files.delete(this.folders.resolve("a/data/oauth-signin.mv.db"));
		this.inA.start();
		assertThat(open(katherine, this.inA)).as("after A's database was removed")
			.satisfies(this::signedOutShowingNobody);
		TestBrowser grace = new TestBrowser(URI.create(this.inA.baseUri() + "/"));
		assertThat(signIn(grace, this.inA, new FakePerson("8103", "Grace Hopper", "grace", null, null)))
			.contains("Hi, Grace Hopper!");
		assertThat(open(katherine, this.inA)).as("Katherine's user id now belongs to Grace")
			.satisfies(this::signedOutShowingNobody);
		assertThat(open(katherine, this.inA, "/account").uri().getPath()).isEqualTo("/");
		this.inA.stop();
		this.inA.start();
		assertThat(open(grace, this.inA).greeting()).contains("Hi, Grace Hopper!");
		assertThat(open(katherine, this.inA)).satisfies(this::signedOutShowingNobody);
		assertThat(this.inA.logs()).contains("was refused: it was made with another database")
			.doesNotContain("Exception");
	}

	/** Signs in with Facebook, ticking "Keep me signed in", and returns the greeting. */
	private String signIn(TestBrowser browser, JarProcess app, FakePerson person) {
		this.facebook.nextPerson(person);
		TestBrowser.Page home = open(browser, app);
		return browser.follow(browser.press(home, "Sign in with Facebook", Map.of("remember-me", "true")))
			.greeting()
			.orElse("");
	}

	private static TestBrowser.Page open(TestBrowser browser, JarProcess app) {
		return open(browser, app, "/");
	}

	private static TestBrowser.Page open(TestBrowser browser, JarProcess app, String path) {
		return browser.open(app.baseUri() + path);
	}

	/** The signed-out home page, with its sign-in button, and no name of anyone who signed in anywhere. */
	private void signedOutShowingNobody(TestBrowser.Page page) {
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/");
		assertThat(page.greeting()).isEmpty();
		assertThat(page.document().select("button").eachText()).contains("Sign in with Facebook");
		assertThat(page.html()).doesNotContain("Katherine").doesNotContain("Hedy").doesNotContain("Grace");
	}

	private JarProcess jarIn(Path folder) throws IOException {
		JarProcess jar = new JarProcess(folder, this.standIns.credentialVariables(),
				StandInProviders.arguments(this.standIns.settings()));
		this.standIns.allowCallbacksAt(jar.baseUri());
		return jar;
	}

}
