package io.github.oauthsignin.providers.facebook;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.github.oauthsignin.support.BrowserTestSupport;
import io.github.oauthsignin.support.Chromium;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign in with Facebook in a real Chromium, through the fake Facebook's consent page. */
class FacebookBrowserTests extends BrowserTestSupport {

	private static final String AWKWARD_NAME = "Zoë <b>O'Brien</b> 🚀";

	@Test
	void signInWhenConsentContinuedThenGreetedByNameUntilSignedOut() {
		open("/");
		assertThat(all(By.cssSelector(".greeting"))).isEmpty();
		this.chromium.screenshots("home-signed-out");

		press("Sign in with Facebook");
		assertThat(URI.create(currentUrl()).getPort()).isEqualTo(facebook.port());
		assertThat(this.chromium.driver().getTitle()).isEqualTo("Log in with Facebook");
		assertThat(pageText()).contains("OAuth Sign-In wants to access your name, profile picture and email address.");
		this.chromium.screenshots("consent-facebook");

		press("Continue as Ada Lovelace");
		assertThat(URI.create(currentUrl()).getPath()).isEqualTo("/");
		assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hi, Ada Lovelace!");
		this.chromium.screenshots("home-signed-in");

		click(find(By.cssSelector(".card button[type=submit]")));
		assertThat(find(By.cssSelector(".message")).getText()).isEqualTo("You have signed out.");
		assertThat(all(By.cssSelector(".greeting"))).isEmpty();
		assertThat(button("Sign in with Facebook").isDisplayed()).isTrue();
	}

	@Test
	void signInWhenConsentCancelledThenToldSoAndNotSignedIn() {
		open("/");
		press("Sign in with Facebook");
		press("Cancel");
		assertThat(URI.create(currentUrl()).getPort()).isEqualTo(this.port);
		assertThat(find(By.cssSelector(".message")).getText()).isEqualTo("You cancelled signing in with Facebook.");
		assertThat(all(By.cssSelector(".greeting"))).isEmpty();
		this.chromium.screenshots("home-cancelled");
	}

	@Test
	void signInWhenAwkwardNamePickedThenShownAsText() {
		open("/");
		press("Sign in with Facebook");
		click(find(By.partialLinkText(AWKWARD_NAME)));
		assertThat(find(By.id("name")).getAttribute("value")).isEqualTo(AWKWARD_NAME);
		press("Continue as " + AWKWARD_NAME);
		assertShownAsText(AWKWARD_NAME);
		this.chromium.screenshots("home-signed-in-awkward-name");
		this.chromium.viewport(Chromium.PHONE, true);
		assertThat(lineCount(find(By.cssSelector(".brand")))).as("lines of the brand on a phone").isOne();
		assertThat(lineCount(button("Sign out"))).as("lines of the top bar's Sign out on a phone").isOne();
	}

	@Test
	void signInWhenAwkwardNameTypedThenShownAsText() {
		// ChromeDriver types only characters of the Basic Multilingual Plane, so no emoji here; the picked
		// person above has one.
		String typed = "Ünïcødé <b>Bold</b> & \"quoted\" <script>x</script>";
		open("/");
		press("Sign in with Facebook");
		WebElement name = find(By.id("name"));
		name.clear();
		name.sendKeys(typed);
		find(By.id("email")).clear();
		// The button still reads "Continue as Ada Lovelace": the page has no script to update it.
		click(find(By.id("continue")));
		assertShownAsText(typed);
	}

	/** How many lines of text the element takes, from its height and its line height. */
	private static long lineCount(WebElement element) {
		double lineHeight = Double.parseDouble(element.getCssValue("line-height").replace("px", ""));
		return Math.round(element.getSize().getHeight() / lineHeight);
	}

	private void assertShownAsText(String name) {
		WebElement greeting = find(By.cssSelector(".greeting"));
		assertThat(greeting.getText()).isEqualTo("Hi, " + name + "!");
		assertThat(greeting.findElements(By.xpath(".//*"))).as("elements inside the greeting").isEmpty();
		assertThat(find(By.cssSelector(".topbar-name")).getText()).isEqualTo(name);
		assertThat(pageText()).contains("<b>");
		assertThat(all(By.tagName("b"))).as("<b> elements on the page").isEmpty();
		assertThat(all(By.tagName("script"))).as("<script> elements on the page").isEmpty();
	}

}
