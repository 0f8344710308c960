package io.github.oauthsignin.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox as {@code ./mvnw spring-boot:test-run} starts it ({@link SandboxApplication}, not a test context), on
 * free ports, signed into through both stand-ins' consent pages.
 */
@ExtendWith(OutputCaptureExtension.class)
class SandboxApplicationTests {

	private static final String[] FREE_PORTS = { "--server.port=0", "--sandbox.facebook.port=0",
			"--sandbox.twitter.port=0", "--sandbox.github.port=0", "--sandbox.sandbox-id.port=0", "--sandbox.apple.port=0" };

	private static ConfigurableApplicationContext sandbox;

	private static String startupOutput;

	@BeforeAll
	static void startSandbox(CapturedOutput output) {
		sandbox = SandboxApplication.run(FREE_PORTS);
		startupOutput = output.getAll();
	}

	@AfterAll
	static void stopSandbox() {
		if (sandbox != null) {
			sandbox.close();
		}
	}

	@Test
	void startWhenReadyThenSaysWhereToGo() {
		assertThat(startupOutput).contains("Sandbox: open " + appUri() + " and sign in with a stand-in provider ("
				+ "facebook at " + providers().addresses().get("facebook") + ", twitter at "
				+ providers().addresses().get("twitter") + ", github at " + providers().addresses().get("github")
				+ ", sandbox-id at " + providers().addresses().get("sandbox-id") + ", apple at "
				+ providers().addresses().get("apple") + ")");
		assertThat(sandbox.getEnvironment().getActiveProfiles()).contains(SandboxApplication.PROFILE);
	}

	/** The sandbox runs the deployed settings but for the ones docs/SANDBOX.md lists, each for its reason. */
	@Test
	void startWhenReadyThenTheDeployedSettingsButTheDocumentedDifferences() {
		Environment environment = sandbox.getEnvironment();
		assertThat(environment.getProperty("signin.brake.starts-per-minute")).as("the brake, as deployed")
			.isEqualTo("20");
		assertThat(environment.getProperty("spring.http.clients.read-timeout")).isEqualTo("10s");
		assertThat(environment.getProperty("server.servlet.session.timeout")).isEqualTo("30m");
		assertThat(environment.getProperty("spring.datasource.url")).as("differs: in memory").startsWith("jdbc:h2:mem:");
		assertThat(environment.getProperty("server.servlet.session.persistent")).as("differs: not written at a stop")
			.isEqualTo("false");
		assertThat(environment.getProperty("signin.csp.img-src")).as("differs: the stand-ins' pictures")
			.isEqualTo("'self' https: data: http://127.0.0.1:*");
	}

	@Test
	void signInWithFacebookWhenContinuedOnConsentPageThenGreetedByName() {
		TestBrowser browser = new TestBrowser(appUri());
		TestBrowser.Page consent = browser.follow(browser.press(browser.open("/"), "Sign in with Facebook", Map.of()));
		assertThat(consent.uri().getPort()).isEqualTo(providers().addresses().get("facebook").getPort());
		assertThat(consent.text("title")).contains("Log in with Facebook");
		TestBrowser.Page home = browser.pressAndFollow(consent, "Continue as Ada Lovelace");
		assertThat(home.uri().getPort()).isEqualTo(port());
		assertThat(home.greeting()).contains("Hi, Ada Lovelace!");
	}

	@Test
	void signInWithTwitterWhenAuthorizedOnConsentPageThenGreetedByNameWithHandle() {
		TestBrowser browser = new TestBrowser(appUri());
		TestBrowser.Page consent = browser.follow(browser.press(browser.open("/"), "Sign in with X", Map.of()));
		assertThat(consent.uri().getPort()).isEqualTo(providers().addresses().get("twitter").getPort());
		assertThat(consent.text("title")).contains("X / Authorize an application");
		TestBrowser.Page home = browser.pressAndFollow(consent, "Authorize app");
		assertThat(home.uri().getPort()).isEqualTo(port());
		assertThat(home.greeting()).contains("Hi, Ada Lovelace!");
		assertThat(home.text(".handle")).contains("@ada_lovelace");
	}

	@Test
	void signInWithGitHubWhenContinuedOnConsentPageThenGreetedByName() {
		TestBrowser browser = new TestBrowser(appUri());
		TestBrowser.Page consent = browser.follow(browser.press(browser.open("/"), "Sign in with GitHub", Map.of()));
		assertThat(consent.uri().getPort()).isEqualTo(providers().addresses().get("github").getPort());
		TestBrowser.Page home = browser.pressAndFollow(consent, "Continue as Ada Lovelace");
		assertThat(home.uri().getPort()).isEqualTo(port());
		assertThat(home.greeting()).contains("Hi, Ada Lovelace!");
	}

	@Test
	void signInWithSandboxIdWhenContinuedOnConsentPageThenGreetedByName() {
		TestBrowser browser = new TestBrowser(appUri());
		TestBrowser.Page consent = browser
			.follow(browser.press(browser.open("/"), "Sign in with Sandbox ID", Map.of()));
		assertThat(consent.uri().getPort()).isEqualTo(providers().addresses().get("sandbox-id").getPort());
		TestBrowser.Page home = browser.pressAndFollow(consent, "Continue as Ada Lovelace");
		assertThat(home.greeting()).contains("Hi, Ada Lovelace!");
	}

	@Test
	void signInWithAppleWhenContinuedOnConsentPageThenFormPostedBackAndGreetedByName() {
		TestBrowser browser = new TestBrowser(appUri());
		TestBrowser.Page consent = browser
			.follow(browser.press(browser.open("/"), "Sign in with Apple", Map.of()));
		assertThat(consent.uri().getPort()).isEqualTo(providers().addresses().get("apple").getPort());
		TestBrowser.Page formPost = browser.pressAndFollow(consent, "Continue");
		assertThat(formPost.document().select("form#answer").attr("method")).isEqualTo("post");
		TestBrowser.Page home = browser.pressAndFollow(formPost, "Continue");
		assertThat(home.greeting()).contains("Hi, Ada Lovelace!");
	}

	@Test
	void signInWhenOpenedAt127001ThenThatCallbackIsAllowedToo() {
		TestBrowser browser = new TestBrowser(URI.create("http://127.0.0.1:" + port() + "/"));
		TestBrowser.Page consent = browser.follow(browser.press(browser.open("/"), "Sign in with Facebook", Map.of()));
		assertThat(browser.pressAndFollow(consent, "Continue as Ada Lovelace").greeting())
			.contains("Hi, Ada Lovelace!");
	}

	@Test
	void startWhenTheSandboxPortsAreTakenThenFreeOnesAndSaysWhere(CapturedOutput output) throws IOException {
		try (ServerSocket facebookPort = takeOrFindTaken(9091); ServerSocket twitterPort = takeOrFindTaken(9092);
				ConfigurableApplicationContext busy = SandboxApplication.run("--server.port=0")) {
			SandboxProviders providers = busy.getBean(SandboxProviders.class);
			assertThat(providers.addresses().get("facebook").getPort()).isNotEqualTo(9091);
			assertThat(providers.addresses().get("twitter").getPort()).isNotEqualTo(9092);
			assertThat(output).contains("Sandbox: port 9091 (sandbox.facebook.port) is taken by another program")
				.contains("Sandbox: port 9092 (sandbox.twitter.port) is taken by another program")
				.contains("facebook at " + providers.addresses().get("facebook"));
			int port = ((WebServerApplicationContext) busy).getWebServer().getPort();
			TestBrowser browser = new TestBrowser(URI.create("http://localhost:" + port));
			TestBrowser.Page consent = browser
				.follow(browser.press(browser.open("/"), "Sign in with Facebook", Map.of()));
			assertThat(browser.pressAndFollow(consent, "Continue as Ada Lovelace").greeting())
				.contains("Hi, Ada Lovelace!");
		}
	}

	/** Takes the port, or, when another program has it already, leaves it to that program (null). */
	private static ServerSocket takeOrFindTaken(int port) {
		try {
			return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static SandboxProviders providers() {
		return sandbox.getBean(SandboxProviders.class);
	}

	private static int port() {
		return ((WebServerApplicationContext) sandbox).getWebServer().getPort();
	}

	private static URI appUri() {
		return URI.create("http://localhost:" + port());
	}

}
