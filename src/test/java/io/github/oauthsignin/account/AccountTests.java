package io.github.oauthsignin.account;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account page and deleting an account, through the real filter chain against the strict fake Facebook.
 * People here have ids 4001 to 4049, so that nothing another test class does can change what these count.
 */
class AccountTests extends SignInFlowTestSupport {

	private static final String DELETED = "Your account has been deleted";

	private static final DateTimeFormatter READABLE = DateTimeFormatter
		.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH);

	@Test
	void accountPageShowsEverythingWeKeep() {
		TestBrowser browser = browser();
		TestBrowser.Page home = signInAs(browser,
				new FakePerson("4001", "Ada Account", "ada", "ada.account@example.com", "https://pictures.example/ada.jpg"),
				false);
		Element topbarLink = home.document().selectFirst(".topbar a.topbar-name");
		assertThat(topbarLink).isNotNull();
		assertThat(topbarLink.text()).isEqualTo("Ada Account");

		TestBrowser.Page account = browser.open(topbarLink.attr("href"));
		assertThat(account.status()).isEqualTo(200);
		assertThat(account.uri().getPath()).isEqualTo("/account");
		assertThat(account.text(".account-nickname")).contains("Ada Account");
		assertThat(account.text(".account-email")).contains("ada.account@example.com");
		assertThat(account.text("li.method[data-provider=facebook] .method-status"))
			.contains("Connected: Ada Account, ada.account@example.com");
		assertThat(account.text("li.method[data-provider=facebook] .method-id")).contains("Your id at Facebook: 4001");
		assertThat(account.text("li.method[data-provider=facebook] .method-only")).contains("Your only way in");
		assertThat(account.document().select("li.method[data-provider=github] button").text())
			.isEqualTo("Connect GitHub");
		assertThat(account.text(".account-picture-url")).contains("https://pictures.example/ada.jpg");
		assertThat(account.document().selectFirst("img.avatar").attr("src"))
			.isEqualTo("https://pictures.example/ada.jpg");
		assertThat(account.text(".account-created")).contains(readable("created_at", "facebook$4001"));
		assertThat(account.text(".account-last-sign-in")).contains(readable("last_sign_in_at", "facebook$4001"));
		assertThat(account.document().selectFirst(".account-created time").attr("datetime")).endsWith("Z");
		assertThat(account.document().select("a[href=/account/delete]").text()).isEqualTo("Delete my account");
	}

	@Test
	void accountPageWhenNoEmailAndNoPictureThenSaysNone() {
		TestBrowser browser = browser();
		signInAs(browser, person("4002", "Nobody Special", null), false);
		TestBrowser.Page account = browser.open("/account");
		assertThat(account.text(".account-nickname")).contains("Nobody Special");
		assertThat(account.text(".account-email")).contains("none");
		assertThat(account.text(".account-picture-url")).contains("none");
		assertThat(account.document().selectFirst("img.avatar")).isNull();
	}

	@Test
	void deleteAccountThroughConfirmationThenSignedOutAndEverythingGone() {
		TestBrowser browser = browser();
		signInAs(browser, person("4003", "Deleted Dora", "dora@example.com"), true);
		long id = userId("facebook$4003");
		github.nextPerson(new FakePerson("5804003", "Dora on GitHub", "dora-gh", null, null));
		browser.pressAndFollow(browser.open("/account"), "Connect GitHub");
		assertThat(sessionsOf(id)).isPositive();
		assertThat(tokensOf(id)).isEqualTo(1);
		int before = allUsers();

		TestBrowser.Page confirmation = openDeleteLink(browser);
		assertThat(confirmation.uri().getPath()).isEqualTo("/account/delete");
		assertThat(confirmation.document().text()).contains("for good");
		assertThat(confirmation.document().select("a.button").text()).isEqualTo("Keep my account");
		assertThat(confirmation.document().selectFirst("a.button").attr("href")).isEqualTo("/account");
		assertThat(users("facebook$4003")).as("showing the confirmation deletes nothing").isEqualTo(1);

		TestBrowser.Page after = browser.pressAndFollow(confirmation, "Delete my account");
		assertThat(after.uri().getPath()).isEqualTo("/");
		assertThat(after.message()).hasValueSatisfying((message) -> assertThat(message).contains(DELETED));
		assertThat(after.greeting()).isEmpty();
		assertThat(users("facebook$4003")).isZero();
		assertThat(allUsers()).isEqualTo(before - 1);
		assertThat(this.jdbc.queryForObject("select count(*) from identities where user_id = ?", Integer.class, id))
			.as("every identity of the account").isZero();
		assertThat(sessionsOf(id)).isZero();
		assertThat(tokensOf(id)).isZero();
		assertThat(browser.cookie("remember-me")).isEmpty();

		assertThat(browser.open("/").greeting()).isEmpty();
		browser.restart();
		assertThat(browser.open("/").greeting()).as("no remember-me sign-in either").isEmpty();
	}

	@Test
	void deleteAccountWhenSignedInInTwoBrowsersThenBothSignedOut() {
		FakePerson twice = person("4004", "Twice Tom", null);
		TestBrowser laptop = browser();
		TestBrowser phone = browser();
		signInAs(laptop, twice, false);
		signInAs(phone, twice, true);
		long id = userId("facebook$4004");
		assertThat(sessionsOf(id)).isEqualTo(2);
		assertThat(phone.open("/account").text(".account-nickname")).contains("Twice Tom");

		laptop.pressAndFollow(openDeleteLink(laptop), "Delete my account");

		assertThat(sessionsOf(id)).isZero();
		assertThat(tokensOf(id)).isZero();
		TestBrowser.Page phoneAccount = phone.open("/account");
		assertThat(phoneAccount.uri().getPath()).isEqualTo("/");
		assertThat(phoneAccount.uri().getQuery()).isEqualTo("next=/account");
		assertThat(phoneAccount.greeting()).isEmpty();
		phone.restart();
		assertThat(phone.open("/").greeting()).isEmpty();
	}

	@Test
	void signInAfterDeletionThenRegistersANewAccount() {
		FakePerson comeback = person("4005", "Comeback Kim", "kim@example.com");
		TestBrowser browser = browser();
		signInAs(browser, comeback, false);
		long oldId = userId("facebook$4005");
		browser.pressAndFollow(openDeleteLink(browser), "Delete my account");
		assertThat(users("facebook$4005")).isZero();

		TestBrowser.Page again = signInAs(browser, comeback, false);
		assertThat(again.greeting()).contains("Hi, Comeback Kim!");
		assertThat(users("facebook$4005")).isEqualTo(1);
		assertThat(userId("facebook$4005")).isNotEqualTo(oldId);
	}

	@Test
	void accountWhenAnonymousThenSignInFirstAndBackOnTheAccountPage() {
		TestBrowser browser = browser();
		TestBrowser.Page home = browser.open("/account");
		assertThat(home.uri().getPath()).isEqualTo("/");
		assertThat(home.uri().getQuery()).isEqualTo("next=/account");
		assertThat(home.document().selectFirst("input[name=next]").val()).isEqualTo("/account");

		facebook.nextPerson(person("4006", "Returning Rita", null));
		TestBrowser.Page account = browser.pressAndFollow(home, "Sign in with Facebook");
		assertThat(account.uri().getPath()).isEqualTo("/account");
		assertThat(account.text(".account-nickname")).contains("Returning Rita");
	}

	@Test
	void deleteWhenNoCsrfTokenThenRefusedAndNothingDeleted() {
		TestBrowser browser = browser();
		signInAs(browser, person("4007", "Careful Carl", null), true);
		long id = userId("facebook$4007");
		int sessions = sessionsOf(id);

		HttpResponse<String> forged = browser.post("/account/delete", Map.of("confirm", "yes"));
		assertThat(forged.statusCode()).isEqualTo(302);
		assertThat(browser.follow(forged).message()).contains("That page had expired, so nothing was done. Please try again.");
		assertThat(users("facebook$4007")).isEqualTo(1);
		assertThat(sessionsOf(id)).isEqualTo(sessions);
		assertThat(tokensOf(id)).isEqualTo(1);
		assertThat(browser.open("/account").text(".account-nickname")).contains("Careful Carl");
	}

	@Test
	void deleteWhenNotConfirmedThenAskedToConfirmAndNothingDeleted() {
		TestBrowser browser = browser();
		signInAs(browser, person("4008", "Hasty Hal", null), false);
		TestBrowser.Page confirmation = openDeleteLink(browser);

		HttpResponse<String> unconfirmed = browser.press(confirmation, "Delete my account", Map.of("confirm", ""));
		assertThat(unconfirmed.statusCode()).isEqualTo(302);
		assertThat(URI.create(unconfirmed.headers().firstValue("Location").orElseThrow()).getPath())
			.isEqualTo("/account/delete");
		assertThat(users("facebook$4008")).isEqualTo(1);
		assertThat(browser.open("/account").text(".account-nickname")).contains("Hasty Hal");
	}

	@Test
	void deleteWhenAccountAlreadyGoneThenSignedOutAndToldSo() {
		TestBrowser browser = browser();
		signInAs(browser, person("4009", "Vanished Vera", null), false);
		TestBrowser.Page confirmation = openDeleteLink(browser);
		this.jdbc.update("delete from users where id = (select user_id from identities where provider = 'facebook' "
				+ "and provider_user_id = '4009')");

		TestBrowser.Page after = browser.pressAndFollow(confirmation, "Delete my account");
		assertThat(after.status()).isEqualTo(200);
		assertThat(after.message()).hasValueSatisfying((message) -> assertThat(message).contains(DELETED));
		assertThat(after.greeting()).isEmpty();
	}

	@Test
	void accountPageWhenAccountAlreadyGoneThenSignedOutAndToldSo() {
		TestBrowser browser = browser();
		signInAs(browser, person("4010", "Ghost Gus", null), false);
		this.jdbc.update("delete from users where id = (select user_id from identities where provider = 'facebook' "
				+ "and provider_user_id = '4010')");

		TestBrowser.Page after = browser.open("/account");
		assertThat(after.status()).isEqualTo(200);
		assertThat(after.uri().getPath()).isEqualTo("/");
		assertThat(after.message()).hasValueSatisfying((message) -> assertThat(message).contains(DELETED));
		assertThat(browser.open("/").greeting()).isEmpty();
	}

	@Test
	void homePageLinksSignedInPeopleToTheirAccount() {
		TestBrowser browser = browser();
		TestBrowser.Page home = signInAs(browser, person("4011", "Linked Lena", null), false);
		assertThat(home.document().select(".card a[href=/account]")).isNotEmpty();
		assertThat(browser().open("/").document().select("a[href=/account]")).as("not for visitors").isEmpty();
	}

	@Test
	void signOutOfAllOtherSessionsThenOnlyThisBrowserStaysAndEveryOtherTokenEnds() {
		FakePerson clara = person("4012", "Careful Clara", null);
		TestBrowser laptop = browser();
		TestBrowser phone = browser();
		TestBrowser tablet = browser();
		signInAs(laptop, clara, true);
		signInAs(phone, clara, true);
		signInAs(tablet, clara, false);
		long id = userId("facebook$4012");
		assertThat(sessionsOf(id)).isEqualTo(3);
		assertThat(tokensOf(id)).isEqualTo(2);
		String oldToken = laptop.cookie("remember-me").orElseThrow().getValue();

		TestBrowser.Page account = laptop.pressAndFollow(laptop.open("/account"), "Sign out of all other sessions");

		assertThat(account.uri().getPath()).isEqualTo("/account");
		assertThat(account.message()).contains("You are signed out of all other sessions, and \u201cKeep me signed "
				+ "in\u201d has ended in every other browser.");
		assertThat(sessionsOf(id)).isOne();
		assertThat(tokensOf(id)).as("a new one for this browser only").isOne();
		assertThat(laptop.cookie("remember-me").orElseThrow().getValue()).isNotEqualTo(oldToken);
		assertThat(phone.open("/").greeting()).isEmpty();
		assertThat(tablet.open("/").greeting()).isEmpty();
		phone.restart();
		assertThat(phone.open("/").greeting()).as("its token ended too").isEmpty();
		assertThat(laptop.open("/").greeting()).contains("Hi, Careful Clara!");
		laptop.restart();
		assertThat(laptop.open("/").greeting()).as("kept signed in with its new token").contains("Hi, Careful Clara!");
	}

	@Test
	void signOutOfAllOtherSessionsWhenNoCsrfTokenOrByLinkThenNothingEnds() {
		FakePerson carla = person("4013", "Cautious Carla", null);
		TestBrowser laptop = browser();
		TestBrowser phone = browser();
		signInAs(laptop, carla, false);
		signInAs(phone, carla, false);
		long id = userId("facebook$4013");
		laptop.follow(laptop.post("/account/sign-out-others", Map.of()));
		assertThat(laptop.open("/account/sign-out-others").uri().getPath()).isEqualTo("/account");
		assertThat(sessionsOf(id)).isEqualTo(2);
		assertThat(phone.open("/").greeting()).contains("Hi, Cautious Carla!");
	}

	@Test
	void disconnectThenTheSessionsAndTokensSignedInThroughItEndAndTheOthersStay() {
		FakePerson lars = person("4014", "Linked Lars", null);
		FakePerson larsOnGitHub = new FakePerson("5804014", "Lars on GitHub", "lars-gh", null, null);
		TestBrowser laptop = browser();
		signInAs(laptop, lars, true);
		github.nextPerson(larsOnGitHub);
		laptop.pressAndFollow(laptop.open("/account"), "Connect GitHub");
		TestBrowser desk = browser();
		signInAs(desk, lars, false);
		TestBrowser phone = browser();
		assertThat(signInAs(phone, "GitHub", github, larsOnGitHub).greeting()).contains("Hi, Lars on GitHub!");
		long id = userId("facebook$4014");
		assertThat(sessionsOf(id)).isEqualTo(3);

		TestBrowser.Page after = phone.pressAndFollow(phone.open("/account"), "Disconnect Facebook");

		assertThat(after.uri().getPath()).isEqualTo("/account");
		assertThat(after.message()).hasValueSatisfying((message) -> assertThat(message)
			.contains("Facebook is no longer connected, and every session signed in with it has ended."));
		assertThat(sessionsOf(id)).as("the phone's, signed in with GitHub").isOne();
		assertThat(tokensOf(id)).isZero();
		assertThat(laptop.open("/").greeting()).isEmpty();
		assertThat(desk.open("/").greeting()).isEmpty();
		laptop.restart();
		assertThat(laptop.open("/").greeting()).isEmpty();
		assertThat(phone.open("/").greeting()).contains("Hi, Lars on GitHub!");
	}

	@Test
	void disconnectWhenThisBrowserSignedInThroughItThenSignedOutToo() {
		FakePerson nora = person("4015", "Nora Nomad", null);
		TestBrowser laptop = browser();
		signInAs(laptop, nora, false);
		github.nextPerson(new FakePerson("5804015", "Nora on GitHub", "nora-gh", null, null));
		laptop.pressAndFollow(laptop.open("/account"), "Connect GitHub");
		long id = userId("facebook$4015");

		TestBrowser.Page after = laptop.pressAndFollow(laptop.open("/account"), "Disconnect Facebook");

		assertThat(after.uri().getPath()).isEqualTo("/");
		assertThat(after.greeting()).isEmpty();
		assertThat(after.message()).contains("Facebook is no longer connected. You had signed in with it, so you are "
				+ "signed out: sign in with another of your providers.");
		assertThat(sessionsOf(id)).isZero();
		assertThat(this.jdbc.queryForList("select provider from identities where user_id = ?", String.class, id))
			.containsExactly("github");
	}

	/** From the account page, follows its "Delete my account" link to the confirmation page. */
	private static TestBrowser.Page openDeleteLink(TestBrowser browser) {
		TestBrowser.Page account = browser.open("/account");
		Element link = account.document().selectFirst("a[href=/account/delete]");
		assertThat(link).as("the link to delete the account").isNotNull();
		return browser.open(link.attr("href"));
	}

	private String readable(String column, String socialId) {
		OffsetDateTime value = (OffsetDateTime) account(socialId).get(column);
		return READABLE.format(value.atZoneSameInstant(ZoneOffset.UTC));
	}

}
