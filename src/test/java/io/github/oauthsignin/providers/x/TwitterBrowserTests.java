package io.github.oauthsignin.providers.x;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.support.BrowserTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with Twitter in a real Chromium, through the fake X's consent page.
 * <p>
 * The app greets Twitter people by their handle (as the original tutorial does), not by their display name, and a
 * handle on X is 1 to 15 ASCII letters, digits or underscores, which X's page enforces. So here the awkward display
 * name goes through X and must leave no trace of markup while the greeting shows the handle; the awkward name shown
 * as text is tested with Facebook ({@code FacebookBrowserTests}), and a non-ASCII handle, which X's page refuses,
 * against the auto-approving fake X ({@link TwitterSignInTests}).
 */
class TwitterBrowserTests extends BrowserTestSupport {

	private static final String AWKWARD_NAME = "Zoë <b>O'Brien</b> 🚀";

	@Test
	void signInWhenConsentAuthorizedThenGreetedByNameWithHandleUntilSignedOut() {
		open("/");
		press("Sign in with X");
		assertThat(URI.create(currentUrl()).getPort()).isEqualTo(twitter.port());
		assertThat(this.chromium.driver().getTitle()).isEqualTo("X / Authorize an application");
		assertThat(pageText()).contains("Authorize OAuth Sign-In to access your account?");
		this.chromium.screenshots("consent-twitter");

		press("Authorize app");
		assertThat(URI.create(currentUrl()).getPath()).isEqualTo("/");
		assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hi, Ada Lovelace!");
		assertThat(find(By.cssSelector(".handle")).getText()).isEqualTo("@ada_lovelace");

		click(find(By.cssSelector(".card button[type=submit]")));
		assertThat(find(By.cssSelector(".message")).getText()).isEqualTo("You have signed out.");
		assertThat(all(By.cssSelector(".greeting"))).isEmpty();
	}

	@Test
	void signInWhenConsentCancelledThenToldSoAndNotSignedIn() {
		open("/");
		press("Sign in with X");
		press("Cancel");
		assertThat(URI.create(currentUrl()).getPort()).isEqualTo(this.port);
		assertThat(find(By.cssSelector(".message")).getText()).isEqualTo("You cancelled signing in with X.");
		assertThat(all(By.cssSelector(".greeting"))).isEmpty();
	}

	@Test
	void signInWhenAwkwardDisplayNamePickedThenGreetedByItAsTextWithNoMarkup() {
		open("/");
		press("Sign in with X");
		click(find(By.partialLinkText(AWKWARD_NAME)));
		assertThat(find(By.id("name")).getAttribute("value")).isEqualTo(AWKWARD_NAME);
		press("Authorize app");
		WebElement greeting = find(By.cssSelector(".greeting"));
		assertThat(greeting.getText()).isEqualTo("Hi, " + AWKWARD_NAME + "!");
		assertThat(find(By.cssSelector(".handle")).getText()).isEqualTo("@zoe_obrien");
		assertThat(greeting.findElements(By.xpath(".//*"))).as("elements inside the greeting").isEmpty();
		assertThat(all(By.tagName("b"))).as("<b> elements on the page").isEmpty();
	}

	@Test
	void signInWhenNameAndHandleTypedThenGreetedByTheNameWithTheHandle() {
		open("/");
		press("Sign in with X");
		WebElement name = find(By.id("name"));
		name.clear();
		name.sendKeys("Ünïcødé <b>Bold</b>");
		WebElement handle = find(By.id("screen_name"));
		handle.clear();
		handle.sendKeys("@Zoe_OBrien_1");
		press("Authorize app");
		assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hi, Ünïcødé <b>Bold</b>!");
		assertThat(find(By.cssSelector(".handle")).getText()).isEqualTo("@Zoe_OBrien_1");
		assertThat(all(By.tagName("b"))).as("<b> elements on the page").isEmpty();
	}

	@Test
	void consentWhenHandleNotAsciiThenXRefusesItBeforeTheApp() {
		open("/");
		press("Sign in with X");
		WebElement handle = find(By.id("screen_name"));
		handle.clear();
		handle.sendKeys("zoë");
		button("Authorize app").click();
		assertThat(URI.create(currentUrl()).getPort()).isEqualTo(twitter.port());
		assertThat(handle.getDomProperty("validationMessage")).isNotBlank();
		assertThat(twitter.calls(FakeTwitter.CONSENT)).isZero();
	}

}
