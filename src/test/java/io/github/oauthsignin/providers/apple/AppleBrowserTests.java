package io.github.oauthsignin.providers.apple;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.github.oauthsignin.signin.BrowserBinding;
import io.github.oauthsignin.support.BrowserTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with Apple in a real Chromium, cross-site: the app at {@code localhost}, the Apple stand-in at
 * {@code 127.0.0.1}. Apple's answer comes back by a cross-site form POST, with which Chromium sends no
 * {@code SameSite=Lax} cookie; the app answers it with a 303 to a GET of its callback, which carries them, and the
 * sign-in finishes there. Twice: the second time Apple sends no name, and the one of the first consent stays.
 */
class AppleBrowserTests extends BrowserTestSupport {

	@Test
	void signInWhenTwiceCrossSiteThenFinishedWithLaxCookiesAndNameKept() {
		open("/");
		this.chromium.screenshots("home-buttons", By.cssSelector("form.signin"));
		press("Sign in with Apple");
		assertThat(URI.create(currentUrl()).getHost()).isEqualTo("127.0.0.1");
		assertThat(URI.create(appUri("/")).getHost()).isEqualTo("localhost");
		this.chromium.screenshots("consent-apple");
		find(By.id("firstName")).clear();
		find(By.id("firstName")).sendKeys("Katherine");
		find(By.id("lastName")).clear();
		find(By.id("lastName")).sendKeys("Johnson");
		find(By.id("email")).clear();
		find(By.id("email")).sendKeys("katherine.apple@example.com");
		press("Continue");
		assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hi, Katherine Johnson!");
		assertThat(URI.create(currentUrl()).getPath()).isEqualTo("/");
		assertThat(this.chromium.driver().manage().getCookies()).as("the app's cookies")
			.filteredOn((cookie) -> cookie.getName().equals("SESSION") || cookie.getName().equals(BrowserBinding.COOKIE))
			.isNotEmpty()
			.allSatisfy((cookie) -> assertThat(cookie.getSameSite()).isEqualTo("Lax"));

		press("Sign out");
		press("Sign in with Apple");
		find(By.id("firstName")).clear();
		find(By.id("firstName")).sendKeys("Someone");
		find(By.id("lastName")).clear();
		find(By.id("email")).clear();
		find(By.id("email")).sendKeys("katherine.apple@example.com");
		press("Continue");
		assertThat(find(By.cssSelector(".greeting")).getText()).as("the name of the first consent")
			.isEqualTo("Hi, Katherine Johnson!");
	}

}
