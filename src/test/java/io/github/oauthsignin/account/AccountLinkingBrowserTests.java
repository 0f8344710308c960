package io.github.oauthsignin.account;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.github.oauthsignin.support.BrowserTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connecting a second provider from the account page and disconnecting it, in a real Chromium, through the
 * stand-ins' consent pages; screenshots of the account page at desktop and phone widths.
 */
class AccountLinkingBrowserTests extends BrowserTestSupport {

	@Test
	void connectXFromTheAccountPageThenDisconnectIt() {
		open("/");
		press("Sign in with Facebook");
		press("Continue as Ada Lovelace");
		open("/account");
		assertThat(find(By.cssSelector("li.method[data-provider=facebook] .method-only")).getText())
			.isEqualTo("Your only way in");
		this.chromium.screenshots("account-one-provider", By.cssSelector(".methods"));

		press("Connect X");
		assertThat(URI.create(currentUrl()).getPort()).isEqualTo(twitter.port());
		// A handle of this test's own: the browser tests share one database, and X's Ada may have an account.
		WebElement handle = find(By.id("screen_name"));
		handle.clear();
		handle.sendKeys("ada_connects_x");
		press("Authorize app");
		assertThat(URI.create(currentUrl()).getPath()).isEqualTo("/account");
		assertThat(find(By.cssSelector(".message")).getText()).isEqualTo("X is now connected.");
		assertThat(find(By.cssSelector("li.method[data-provider=twitter] .method-status")).getText())
			.startsWith("Connected: Ada Lovelace (@ada_connects_x)");
		assertThat(button("Disconnect Facebook").isDisplayed()).isTrue();
		this.chromium.screenshots("account-connected", By.cssSelector(".methods"));
		assertThat(find(By.cssSelector("tr.history-row td:nth-child(2)")).getText()).isEqualTo("Facebook");
		this.chromium.screenshots("account-history", By.cssSelector(".history"));

		press("Disconnect X");
		assertThat(find(By.cssSelector(".message")).getText())
			.isEqualTo("X is no longer connected, and every session signed in with it has ended. Signing in with it would now start a new account.");
		assertThat(button("Connect X").isDisplayed()).isTrue();
		assertThat(all(By.xpath("//button[starts-with(normalize-space(.), 'Disconnect')]"))).isEmpty();
	}

}
