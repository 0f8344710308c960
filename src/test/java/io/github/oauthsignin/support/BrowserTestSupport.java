package io.github.oauthsignin.support;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.oauth2.FakeApple;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.oauth2.Flavour;
import io.github.oauthsignin.fake.twitter.FakeTwitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real-browser tests: the whole app on a random port, the strict fakes in consent-page mode (as in the sandbox),
 * and a headless {@link Chromium} that clicks through them like a person. Sandbox ID's tokens are kept, so that the
 * account page shows what it says about kept access. Without Chromium each test is skipped,
 * saying what to install ({@link Chromium.Required}); everything else still runs.
 * <p>
 * The fakes live as long as the test JVM, so every class extending this one shares one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "signin.csp.img-src='self' https: data: http://127.0.0.1:*",
				"signin.tokens.key=" + KeptTokensTestSupport.KEY, "signin.providers.sandbox-id.keep-tokens=true" })
@ExtendWith(Chromium.Required.class)
public abstract class BrowserTestSupport {

	protected static final String FACEBOOK_APP_ID = "browser-app-id";

	protected static final String FACEBOOK_APP_SECRET = "browser-app-secret";

	private static final String TWITTER_CONSUMER_KEY = "browser-consumer-key";

	private static final String TWITTER_CONSUMER_SECRET = "browser-consumer-secret";

	/**
	 * The stand-ins with their consent pages, as in the sandbox (whose pictures the pages may show, like the
	 * sandbox's: {@code signin.csp.img-src} above).
	 */
	private static final StandInProviders standIns = StandInProviders.start(
			StandIn.facebookSandbox(0, FACEBOOK_APP_ID, FACEBOOK_APP_SECRET),
			StandIn.twitterSandbox(0, TWITTER_CONSUMER_KEY, TWITTER_CONSUMER_SECRET),
			StandIn.presetSandbox("github", "GITHUB", Flavour.GITHUB, 0, "browser-github-app",
					"browser-github-secret"),
			StandIn.openIdConnectSandbox("sandbox-id", "Sandbox ID", 0, "browser-sandbox-id",
					"browser-sandbox-secret"),
			StandIn.presetSandbox("google", "GOOGLE", Flavour.OIDC, 0, "browser-google-client",
					"browser-google-secret"),
			StandIn.appleSandbox(0, "browser.apple.web", "BROWSERTM1", "BROWSERKY1"));

	protected static final FakeFacebook facebook = standIns.fake("facebook", FakeFacebook.class);

	protected static final FakeTwitter twitter = standIns.fake("twitter", FakeTwitter.class);

	protected static final FakeOAuth2Provider github = standIns.fake("github", FakeOAuth2Provider.class);

	protected static final FakeOAuth2Provider sandboxId = standIns.fake("sandbox-id", FakeOAuth2Provider.class);

	protected static final FakeOAuth2Provider google = standIns.fake("google", FakeOAuth2Provider.class);

	protected static final FakeApple apple = standIns.fake("apple", FakeApple.class);

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	@LocalServerPort
	protected int port;

	protected Chromium chromium;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		standIns.register(registry);
	}

	/** One browser per test class; see {@link Chromium#forgetEverything()}. */
	private static Chromium shared;

	@AfterAll
	static void closeBrowser() {
		if (shared != null) {
			shared.close();
			shared = null;
		}
	}

	@BeforeEach
	void openBrowser() {
		standIns.reset();
		standIns.allowCallbacksAt(appUri(""));
		standIns.appName("OAuth Sign-In");
		if (shared == null) {
			shared = Chromium.start();
		}
		else {
			shared.forgetEverything();
		}
		this.chromium = shared;
	}

	@AfterEach
	void nothingRefused() {
		assertThat(facebook.refusals()).as("what the fake Facebook refused").isEmpty();
		assertThat(twitter.refusals()).as("what the fake X refused").isEmpty();
		assertThat(github.refusals()).as("what the fake GitHub refused").isEmpty();
		assertThat(sandboxId.refusals()).as("what the fake Sandbox ID refused").isEmpty();
		assertThat(google.refusals()).as("what the fake Google refused").isEmpty();
		assertThat(apple.refusals()).as("what the Apple stand-in refused").isEmpty();
	}

	protected String appUri(String path) {
		return "http://localhost:" + this.port + path;
	}

	/** Opens a page of the app. */
	protected void open(String path) {
		this.chromium.driver().get(appUri(path));
	}

	/** Clicks the button with exactly this text and waits until the next page has replaced this one. */
	protected void press(String buttonText) {
		click(button(buttonText));
	}

	/**
	 * Clicks an element that leaves the page (a submit button, a link, a button whose script navigates) and waits for
	 * the next page. A script may navigate while the driver is looking at the element, which ChromeDriver then
	 * reports as a plain error ("Node … does not belong to the document") rather than a stale element: looked at
	 * again, it is stale.
	 */
	protected void click(WebElement element) {
		element.click();
		waiting().ignoring(WebDriverException.class).until(ExpectedConditions.stalenessOf(element));
	}

	/** The first visible button with exactly this text. */
	protected WebElement button(String text) {
		return waiting().until((driver) -> driver.findElements(By.tagName("button"))
			.stream()
			.filter((button) -> button.isDisplayed() && button.getText().strip().equals(text))
			.findFirst()
			.orElse(null));
	}

	/** The element, once the page has it. */
	protected WebElement find(By locator) {
		return waiting().until(ExpectedConditions.presenceOfElementLocated(locator));
	}

	/** Every element the current page has for this locator, without waiting. */
	protected List<WebElement> all(By locator) {
		return this.chromium.driver().findElements(locator);
	}

	/** What the page shows, as a person reads it. */
	protected String pageText() {
		return find(By.tagName("body")).getText();
	}

	protected String currentUrl() {
		return this.chromium.driver().getCurrentUrl();
	}

	private WebDriverWait waiting() {
		return new WebDriverWait(this.chromium.driver(), PATIENCE);
	}

}
