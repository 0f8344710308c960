package io.github.oauthsignin.security;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Keep me signed in": off by default; persistent tokens in the database; revoked at sign-out; a token used twice
 * (a copied cookie) ends every sign-in of the person and says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class RememberMeTests extends SignInFlowTestSupport {

	private static final String STOLEN = "Someone may have used your sign-in; all your sessions were ended, please sign "
			+ "in again.";

	@Test
	void signInWhenKeepMeSignedInThenStillSignedInAfterBrowserRestart() {
		facebook.nextPerson(person("3001", "Remembered Ada", null));
		TestBrowser browser = browser();
		TestBrowser.Page page = browser.follow(
				browser.press(browser.open("/"), "Sign in with Facebook", Map.of("remember-me", "true")));
		assertThat(page.greeting()).contains("Hi, Remembered Ada!");
		assertThat(browser.cookie("remember-me")).hasValueSatisfying((cookie) -> {
			assertThat(cookie.isHttpOnly()).isTrue();
			assertThat(cookie.getMaxAge()).isPositive();
		});
		assertThat(tokensOf(userId("facebook$3001"))).isEqualTo(1);

		browser.restart();
		assertThat(browser.cookie("SESSION")).isEmpty();
		assertThat(browser.open("/").greeting()).contains("Hi, Remembered Ada!");
	}

	@Test
	void signInWhenKeepMeSignedInNotTickedThenNoTokenAndRestartSignsOut() {
		facebook.nextPerson(person("3002", "Forgotten Bob", null));
		TestBrowser browser = browser();
		assertThat(signIn(browser, "Facebook").greeting()).contains("Hi, Forgotten Bob!");
		assertThat(browser.cookie("remember-me")).isEmpty();
		assertThat(tokensOf(userId("facebook$3002"))).isZero();
		browser.restart();
		assertThat(browser.open("/").greeting()).isEmpty();
	}

	@Test
	void keepMeSignedInIsOffByDefault() {
		TestBrowser.Page home = browser().open("/");
		org.jsoup.nodes.Element box = home.document().selectFirst("input[name=remember-me]");
		assertThat(box).isNotNull();
		assertThat(box.hasAttr("checked")).isFalse();
	}

	@Test
	void signOutThenRememberMeTokenRevoked() {
		facebook.nextPerson(person("3003", "Revoked Carol", null));
		TestBrowser browser = browser();
		browser.follow(browser.press(browser.open("/"), "Sign in with Facebook", Map.of("remember-me", "true")));
		TestBrowser stolenCopy = browser();
		browser.copyCookiesTo(stolenCopy);
		browser.pressAndFollow(browser.open("/"), "Sign out");
		assertThat(tokensOf(userId("facebook$3003"))).isZero();
		stolenCopy.restart();
		assertThat(stolenCopy.open("/").greeting()).isEmpty();
	}

	@Test
	void stolenCookieWhenTheThiefUsedItFirstThenTheOwnerSeesWhyAndEverySignInOfThePersonEnds(CapturedOutput output) {
		TestBrowser owner = browser();
		signInAs(owner, person("3004", "Robbed Rosalind", null), true);
		long id = userId("facebook$3004");
		TestBrowser thief = copyOfTheCookies(owner);
		thief.restart();
		assertThat(thief.open("/").greeting()).as("the copied cookie signs the thief in, once")
			.contains("Hi, Robbed Rosalind!");
		assertThat(sessionsOf(id)).isEqualTo(2);

		owner.restart();
		TestBrowser.Page page = owner.open("/");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/");
		assertThat(page.message()).contains(STOLEN);
		assertThat(page.greeting()).isEmpty();
		assertThat(owner.cookie("remember-me")).isEmpty();
		assertThat(tokensOf(id)).isZero();
		assertThat(sessionsOf(id)).as("the thief's session too").isZero();
		assertThat(thief.open("/").greeting()).isEmpty();
		thief.restart();
		assertThat(thief.open("/").greeting()).isEmpty();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from sign_in_history where user_id = ? and kind = 'stolen-token' and provider = ?",
				Integer.class, id, "facebook"))
			.isOne();
		assertThat(output).contains("\"Keep me signed in\" token of user " + id + " was used twice");
		assertThat(owner.open("/").message()).as("said once").isEmpty();

		facebook.nextPerson(person("3004", "Robbed Rosalind", null));
		signIn(owner, "Facebook");
		assertThat(owner.open("/account").text(".history-stolen"))
			.contains("\u201cKeep me signed in\u201d used twice: every session was ended");
	}

	@Test
	void stolenCookieWhenTheOwnerUsedItFirstThenTheThiefGetsNothing() {
		TestBrowser owner = browser();
		signInAs(owner, person("3005", "Quick Quentin", null), true);
		long id = userId("facebook$3005");
		TestBrowser thief = copyOfTheCookies(owner);
		owner.restart();
		assertThat(owner.open("/").greeting()).contains("Hi, Quick Quentin!");

		thief.restart();
		TestBrowser.Page page = thief.open("/");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.greeting()).isEmpty();
		assertThat(page.message()).contains(STOLEN);
		assertThat(tokensOf(id)).isZero();
		assertThat(owner.open("/").greeting()).as("no telling who is who: the owner signs in again").isEmpty();
	}

	@Test
	void tokenMadeBeforeProvidersWereRecordedThenSignsInAndTheAccountPageWorks() {
		TestBrowser browser = browser();
		signInAs(browser, person("3006", "Older Olga", null), true);
		long id = userId("facebook$3006");
		this.jdbc.update("update persistent_logins set provider = null where username = ?", Long.toString(id));
		browser.restart();
		assertThat(browser.open("/").greeting()).contains("Hi, Older Olga!");

		TestBrowser.Page account = browser.pressAndFollow(browser.open("/account"), "Sign out of all other sessions");

		assertThat(account.message()).hasValueSatisfying(
				(message) -> assertThat(message).startsWith("You are signed out of all other sessions"));
		browser.restart();
		assertThat(browser.open("/").greeting()).contains("Hi, Older Olga!");
	}

	/** Another browser with a copy of this one's cookies, as a thief would have them. */
	private TestBrowser copyOfTheCookies(TestBrowser owner) {
		TestBrowser copy = browser();
		owner.copyCookiesTo(copy);
		return copy;
	}

}
