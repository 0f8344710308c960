package io.github.oauthsignin.home;

import java.net.http.HttpResponse;
import java.util.Map;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/** What a newcomer meets on the pages: names, pictures, messages, static files, their language. */
class PagesTests extends SignInFlowTestSupport {

	@Test
	void greetingWhenProviderGivesANameAndAHandleThenTheNameWithTheHandleBeside() {
		twitter.nextPerson(new FakePerson("1456789012345678601", "Ada Lovelace", "ada_lovelace", null, null));
		TestBrowser browser = browser();
		TestBrowser.Page home = signIn(browser, "X");
		assertThat(home.greeting()).contains("Hi, Ada Lovelace!");
		assertThat(home.text(".handle")).contains("@ada_lovelace");
		assertThat(home.text(".topbar-name")).contains("Ada Lovelace");
		TestBrowser.Page account = browser.open("/account");
		assertThat(account.text(".account-nickname")).contains("Ada Lovelace");
		assertThat(account.text(".account-handle")).contains("@ada_lovelace");
		assertThat(account.text("li.method[data-provider=twitter] .method-status"))
			.contains("Connected: Ada Lovelace (@ada_lovelace)");
	}

	@Test
	void avatarWhenNoPictureThenInitialsDrawnByThePage() {
		TestBrowser browser = browser();
		TestBrowser.Page home = signInAs(browser, person("6001", "Grace Brewster Hopper", null), false);
		assertThat(home.document().select("img.avatar")).isEmpty();
		Element initials = home.document().selectFirst(".avatar-initials");
		assertThat(initials).isNotNull();
		assertThat(initials.text()).isEqualTo("GB");
		assertThat(initials.attr("aria-hidden")).isEqualTo("true");
		assertThat(browser.open("/account").text(".avatar-initials")).contains("GB");
	}

	@Test
	void faviconWhenAskedForThenAnIcon() {
		HttpResponse<String> ico = browser().get("/favicon.ico");
		assertThat(ico.statusCode()).isEqualTo(200);
		assertThat(ico.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("image/"));
		TestBrowser.Page home = browser().open("/");
		String icon = home.document().selectFirst("link[rel=icon]").attr("href");
		assertThat(browser().get(icon).statusCode()).isEqualTo(200);
	}

	@Test
	void notFoundPageWhenUnknownAddressThenTitledPageNotFound() {
		TestBrowser.Page page = browser().open("/no/such/page");
		assertThat(page.status()).isEqualTo(404);
		assertThat(page.document().title()).isEqualTo("Page not found");
		assertThat(page.text("h1")).contains("Page not found");
	}

	@Test
	void messageAfterDeletionWhenPageReloadedThenNotRepeated() {
		TestBrowser browser = browser();
		signInAs(browser, person("6002", "Reloading Rita", null), false);
		TestBrowser.Page confirmation = browser.open("/account/delete");
		TestBrowser.Page after = browser.pressAndFollow(confirmation, "Delete my account");
		assertThat(after.message()).contains("Your account has been deleted. Signing in again starts a new one.");
		assertThat(after.uri().getQuery()).as("no flag in the address").isNull();
		assertThat(browser.open(after.uri().toString()).message()).as("after a reload").isEmpty();
	}

	@Test
	void staticFilesWhenLinkedThenContentHashedAndCachedForAYear() {
		TestBrowser browser = browser();
		String stylesheet = browser.open("/").document().selectFirst("link[rel=stylesheet]").attr("href");
		assertThat(stylesheet).matches("/css/app-[0-9a-f]{32}\\.css");
		HttpResponse<String> css = browser.get(stylesheet);
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.headers().firstValue("Cache-Control")).hasValueSatisfying(
				(cache) -> assertThat(cache).contains("max-age=31536000").contains("public").doesNotContain("no-store"));
		HttpResponse<String> page = browser.get("/?next=/account");
		assertThat(page.headers().firstValue("Cache-Control")).as("pages are not cached")
			.hasValueSatisfying((cache) -> assertThat(cache).contains("no-store"));
		assertThat(browser.get("/").headers().firstValue("Cache-Control"))
			.as("but for the visitor's home page, the same for everyone: revalidated on every visit")
			.contains("private, no-cache");
	}

	@Test
	void languageWhenBrowserPrefersGermanThenPagesInGerman() {
		TestBrowser german = browser().alwaysSend("Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
		TestBrowser.Page home = german.open("/");
		assertThat(home.document().selectFirst("html").attr("lang")).isEqualTo("de");
		assertThat(home.text("h1")).contains("Anmelden");
		assertThat(home.document().select("button").eachText()).contains("Mit Facebook anmelden");
		TestBrowser.Page signedIn = german.follow(german.press(home, "Mit Facebook anmelden", Map.of()));
		assertThat(signedIn.greeting()).contains("Hallo, Ada Lovelace!");
		assertThat(german.open("/account").text("h1")).contains("Dein Konto");

		TestBrowser french = browser().alwaysSend("Accept-Language", "fr-FR,fr;q=0.9");
		TestBrowser.Page english = french.open("/");
		assertThat(english.document().selectFirst("html").attr("lang")).as("no French yet: English").isEqualTo("en");
		assertThat(english.text("h1")).contains("Sign in");
	}

	@Test
	void languageWhenGermanThenProviderNamesStandApartAndWordsMeanWhatTheEnglishSays() {
		TestBrowser german = browser().alwaysSend("Accept-Language", "de-DE,de;q=0.9");
		TestBrowser.Page home = german.open("/");
		assertThat(home.text(".lead")).hasValueSatisfying((lead) -> assertThat(lead)
			.startsWith("Melde dich mit deinem Konto bei Facebook, ")
			.doesNotContain("-Konto"));
		acme.nextPerson(new FakePerson("6101", "Gerda Deutsch", "gerda", null, null));
		assertThat(german.pressAndFollow(home, "Mit Acme ID anmelden").greeting()).contains("Hallo, Gerda Deutsch!");
		TestBrowser.Page account = german.open("/account");
		assertThat(account.text("li.method[data-provider=acme] .method-id")).contains("Deine ID bei Acme ID: 6101");
		assertThat(account.document().text()).doesNotContain("ID-ID").doesNotContain("Von Adresse");
		assertThat(account.document().select(".history-table th").eachText()).containsExactly("Wann (UTC)", "Dienst",
				"IP-Adresse", "Browser");
		assertThat(german.open("/account/delete").text(".lead")).hasValueSatisfying((lead) -> assertThat(lead)
			.contains("die Zeitpunkte deiner Anmeldungen")
			.doesNotContain("Anmeldedaten"));
	}

}
