package io.github.oauthsignin.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/** "Keep me signed in": off by default; persistent tokens in the database; revoked at sign-out. */
class RememberMeTests extends SignInFlowTestSupport {

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

}
