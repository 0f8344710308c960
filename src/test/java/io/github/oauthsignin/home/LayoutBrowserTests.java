package io.github.oauthsignin.home;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.github.oauthsignin.support.BrowserTestSupport;
import io.github.oauthsignin.support.Chromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the pages are laid out in a real Chromium, where a person would see it go wrong: the top bar on a phone in
 * German, the account page's Connect and Disconnect buttons (each under its text, lined up, of one width), the cards' edges, and the address bar after Facebook's
 * redirect back (which ends in {@code #_=_}). Screenshots in {@code target/screenshots/}.
 */
class LayoutBrowserTests extends BrowserTestSupport {

	@Test
	void topBarWhenGermanOnAPhoneThenTheWholeNameShows() {
		this.chromium.driver().executeCdpCommand("Network.enable", Map.of());
		this.chromium.driver()
			.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", "de-DE,de")));
		try {
			open("/");
			press("Mit Sandbox ID anmelden");
			press("Continue as Ada Lovelace");
			assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hallo, Ada Lovelace!");
			this.chromium.viewport(Chromium.PHONE, true);
			WebElement name = find(By.cssSelector(".topbar-name"));
			assertThat(name.getText()).isEqualTo("Ada Lovelace");
			assertThat(isCutShort(name)).as("the name in the top bar is cut short").isFalse();
			assertThat(find(By.cssSelector(".topbar .link-button")).isDisplayed()).isTrue();
			this.chromium.screenshots("home-signed-in-german");
		}
		finally {
			this.chromium.driver().executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
		}
	}

	@Test
	void accountWhenSomeMethodsConnectedThenEveryButtonUnderItsTextLinedUpAndOfOneWidth() {
		open("/");
		press("Sign in with Facebook");
		press("Continue as Ada Lovelace");
		open("/account");
		List<WebElement> buttons = all(By.cssSelector(".method .button"));
		assertThat(buttons).extracting(WebElement::getText)
			.contains("Connect GitHub", "Connect Sandbox ID");
		assertThat(buttons).extracting((button) -> button.getRect().getX()).as("left edges").containsOnly(
				buttons.get(0).getRect().getX());
		assertThat(buttons).extracting((button) -> button.getRect().getWidth()).as("widths").containsOnly(
				buttons.get(0).getRect().getWidth());
		this.chromium.screenshots("account-methods", By.cssSelector(".methods"));

		for (boolean phone : new boolean[] { false, true }) {
			this.chromium.viewport(phone ? Chromium.PHONE : Chromium.DESKTOP, phone);
			assertEachActionUnderItsText(phone);
		}
		this.chromium.viewport(Chromium.DESKTOP, false);
	}

	private void assertEachActionUnderItsText(boolean phone) {
		for (WebElement method : all(By.cssSelector("li.method"))) {
			WebElement action = method.findElement(By.cssSelector(".button, .method-only"));
			WebElement text = method.findElement(By.cssSelector(".method-text"));
			assertThat(action.getRect().getY()).as("under its text").isGreaterThanOrEqualTo(
					text.getRect().getY() + text.getRect().getHeight());
			if (phone && action.getTagName().equals("button")) {
				assertThat(action.getRect().getWidth()).as("as wide as the row on a phone")
					.isEqualTo(method.getRect().getWidth());
			}
		}
	}

	@Test
	void accountCardsWhenShownThenNoEmptyBandAtTheirEdges() {
		open("/");
		press("Sign in with Facebook");
		press("Continue as Ada Lovelace");
		open("/account");
		for (WebElement card : all(By.cssSelector(".card"))) {
			List<WebElement> children = card.findElements(By.xpath("./*"));
			int top = children.get(0).getRect().getY() - card.getRect().getY();
			WebElement last = children.get(children.size() - 1);
			int bottom = card.getRect().getY() + card.getRect().getHeight()
					- (last.getRect().getY() + last.getRect().getHeight());
			assertThat(top).as("space above the first thing on the card").isLessThanOrEqualTo(33);
			assertThat(bottom).as("space below the last thing on the card").isLessThanOrEqualTo(33);
		}
		this.chromium.screenshots("account-note", By.cssSelector(".account-note"));
	}

	@Test
	void facebookWhenBackFromItThenItsFragmentIsNotLeftInTheAddressBar() {
		open("/");
		press("Sign in with Facebook");
		press("Cancel");
		assertThat(find(By.cssSelector(".message")).getText()).isEqualTo("You cancelled signing in with Facebook.");
		assertThat(currentUrl()).doesNotContain("_=_");

		press("Sign in with Facebook");
		press("Continue as Ada Lovelace");
		assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hi, Ada Lovelace!");
		assertThat(currentUrl()).isEqualTo(appUri("/#"));
	}

	/** Whether the element's text is wider than the element shows (an ellipsis, or clipped). */
	private boolean isCutShort(WebElement element) {
		// WebDriver's own script, run by the browser's debugger: the page's CSP (no script) does not apply.
		return (Boolean) this.chromium.driver()
			.executeScript("return arguments[0].scrollWidth > arguments[0].clientWidth", element);
	}

}
