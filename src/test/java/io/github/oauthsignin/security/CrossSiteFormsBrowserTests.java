package io.github.oauthsignin.security;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.github.oauthsignin.fake.AttackerSite;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.support.BrowserTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another site's forms, clicked in a real Chromium, which sends its own {@code Sec-Fetch-Site} and {@code Origin}
 * (the site is {@code 127.0.0.1}, the app {@code localhost}): a sign-in is not started, a signed-in person is not
 * signed out, and both end on the app's page with a message.
 */
class CrossSiteFormsBrowserTests extends BrowserTestSupport {

	private static final String REFUSED = "That request came from another website, so nothing was done. To sign in or "
			+ "out, use the buttons on this page.";

	private AttackerSite attacker;

	@BeforeEach
	void startAttackerSite() {
		this.attacker = new AttackerSite(appUri(""));
	}

	@AfterEach
	void stopAttackerSite() {
		this.attacker.close();
	}

	@Test
	void signInWhenStartedByAnotherSitesFormThenRefusedOnTheAppsPageAndFacebookNeverAsked() {
		this.chromium.driver().get(this.attacker.baseUri().toString());
		click(find(By.id("prize")));
		URI landed = URI.create(currentUrl());
		assertThat(landed.getHost()).isEqualTo("localhost");
		assertThat(landed.getPath()).isEqualTo("/");
		assertThat(find(By.cssSelector(".message")).getText()).isEqualTo(REFUSED);
		assertThat(button("Sign in with Facebook").isDisplayed()).isTrue();
		assertThat(facebook.calls(FakeFacebook.DIALOG)).isZero();
	}

	@Test
	void signOutWhenAskedByAnotherSitesFormThenStillSignedIn() {
		open("/");
		press("Sign in with Facebook");
		press("Continue as Ada Lovelace");
		assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hi, Ada Lovelace!");

		this.chromium.driver().get(this.attacker.baseUri().toString());
		click(find(By.id("photos")));
		assertThat(URI.create(currentUrl()).getHost()).isEqualTo("localhost");
		assertThat(find(By.cssSelector(".message")).getText()).isEqualTo(REFUSED);
		assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hi, Ada Lovelace!");
		open("/account");
		assertThat(URI.create(currentUrl()).getPath()).isEqualTo("/account");
	}

}
