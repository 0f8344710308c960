package io.github.oauthsignin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import tools.jackson.databind.json.JsonMapper;

import io.github.oauthsignin.providers.facebook.SignedRequests;
import io.github.oauthsignin.support.BrowserTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page a person meets, the app's and the sandbox stand-ins' consent pages, in a real Chromium at a desktop's
 * 1280x800 and a phone's 390x844: axe-core (WCAG 2.1 A and AA) finds nothing wrong, and the console logs no error
 * (a missing favicon, a refused picture). Screenshots of each land in {@code target/screenshots/}.
 */
class AccessibilityBrowserTests extends BrowserTestSupport {

	private final List<String> problems = new ArrayList<>();

	@Test
	void everyPageWhenCheckedAtBothSizesThenNoAccessibilityViolationAndNoConsoleError() throws Exception {
		open("/");
		check("home-signed-out");

		press("Sign in with Facebook");
		check("consent-facebook");
		press("Cancel");
		check("home-cancelled");

		press("Sign in with X");
		check("consent-x");
		press("Cancel");

		press("Sign in with GitHub");
		check("consent-github");
		press("Cancel");

		press("Sign in with Sandbox ID");
		check("consent-sandbox-id");
		press("Continue as Ada Lovelace");
		assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hi, Ada Lovelace!");
		check("home-signed-in");

		open("/account");
		assertThat(find(By.cssSelector("li.kept-access[data-provider=sandbox-id]")).getText())
			.contains("Forget Sandbox ID access");
		check("account");
		open("/account/delete");
		check("account-delete");

		open("/no/such/page");
		assertThat(this.chromium.driver().getTitle()).isEqualTo("Page not found");
		check("not-found", "/no/such/page - Failed to load resource: the server responded with a status of 404");

		open(dataDeletionStatusPage());
		check("facebook-data-deletion");

		assertThat(this.problems).isEmpty();
	}

	/**
	 * The passkey controls the script shows (the home page's button and autofill field; the account page's list of
	 * passkeys, their forms and the button to add one), in English and in German.
	 */
	@Test
	void passkeyControlsWhenShownThenNoAccessibilityViolationInBothLanguages() {
		HasVirtualAuthenticator authenticators = (HasVirtualAuthenticator) this.chromium.driver();
		VirtualAuthenticator authenticator = authenticators
			.addVirtualAuthenticator(new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
				.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
				.setHasResidentKey(true)
				.setHasUserVerification(true)
				.setIsUserVerified(true));
		this.chromium.driver().executeCdpCommand("Network.enable", Map.of());
		try {
			// Grace Hopper at GitHub: a person no other browser test signs in as there.
			open("/");
			press("Sign in with GitHub");
			click(find(By.id("person-1")));
			press("Continue as Grace Hopper");
			open("/account");
			press("Add a passkey");
			assertThat(find(By.cssSelector(".message")).getText()).startsWith("Your passkey has been added.");
			press("Sign out");
			for (String language : List.of("en", "de")) {
				this.chromium.driver()
					.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", language)));
				open("/");
				assertThat(find(By.id("passkey-signin")).isDisplayed()).isTrue();
				check("home-passkey-" + language);
			}
			press("Mit einem Passkey anmelden");
			assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hallo, Grace Hopper!");
			for (String language : List.of("de", "en")) {
				this.chromium.driver()
					.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", language)));
				open("/account");
				assertThat(find(By.id("passkey-add")).isDisplayed()).isTrue();
				assertThat(all(By.cssSelector("li.passkey-item"))).hasSize(1);
				check("account-passkeys-" + language);
			}
		}
		finally {
			this.chromium.driver().executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
			authenticators.removeVirtualAuthenticator(authenticator);
		}
		assertThat(this.problems).isEmpty();
	}

	/** The page as it is now, at both sizes: its violations and console errors, noted; its screenshots, taken. */
	private void check(String page) {
		check(page, null);
	}

	/**
	 * @param expectedError a console error the page cannot help (Chromium logs a 404 page's own status), or null
	 */
	private void check(String page, String expectedError) {
		this.problems.addAll(this.chromium.problemsAtBothSizes(page, expectedError));
		this.chromium.screenshots(page);
	}

	/** Facebook's data-deletion callback, signed with the app secret, answers the status page's address. */
	private String dataDeletionStatusPage() throws Exception {
		String signedRequest = SignedRequests.sign(FACEBOOK_APP_SECRET,
				SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4188000000001\"}"));
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(appUri("/facebook/data-deletion")))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("signed_request="
						+ URLEncoder.encode(signedRequest, StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(200);
		return URI.create(JsonMapper.builder().build().readTree(answer.body()).path("url").asString()).getPath();
	}

}
