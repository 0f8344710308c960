package io.github.oauthsignin.account;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.Simultaneously;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person, several ways in: connecting providers to an account from its page, signing in with any of them, and
 * disconnecting them, against the strict fakes over HTTP; and each safety rule, in a test named after the threat
 * (docs/SECURITY.md).
 */
class AccountLinkingTests extends SignInFlowTestSupport {

	@Test
	void connectXAndGitHubThenSignInWithEachOfTheThreeLandsInTheOneAccount() {
		TestBrowser browser = browser();
		signInAs(browser, person("5001", "Ada Linked", "ada.linked@example.com"), false);
		long account = userId("facebook$5001");

		twitter.nextPerson(new FakePerson("1456789012345678501", "Ada on X", "ada_on_x", null, null));
		TestBrowser.Page afterX = connect(browser, "X");
		assertThat(afterX.uri().getPath()).isEqualTo("/account");
		assertThat(afterX.message()).contains("X is now connected.");
		github.nextPerson(new FakePerson("5801501", "Ada on GitHub", "ada-gh", "ada@github.example", null));
		TestBrowser.Page afterGitHub = connect(browser, "GitHub");
		assertThat(afterGitHub.message()).contains("GitHub is now connected.");
		assertThat(connectedProviders(afterGitHub)).containsExactlyInAnyOrder("facebook", "github", "twitter");

		for (String provider : List.of("Facebook", "X", "GitHub")) {
			browser.pressAndFollow(browser.open("/"), "Sign out");
			TestBrowser.Page home = signIn(browser, provider);
			assertThat(home.greeting()).as(provider).isPresent();
			assertThat(userId("facebook$5001")).isEqualTo(account);
			assertThat(connectedProviders(browser.open("/account"))).as(provider)
				.containsExactlyInAnyOrder("facebook", "github", "twitter");
		}
		assertThat(userId("twitter$1456789012345678501")).isEqualTo(account);
		assertThat(userId("github$5801501")).isEqualTo(account);
		TestBrowser.Page account1 = browser.open("/account");
		assertThat(account1.text(".account-nickname")).as("the details of the identity signed in with last")
			.contains("Ada on GitHub");
	}

	@Test
	void crossSessionLinkWhenCallbackOpenedInAnotherBrowserThenLinksNothing() {
		TestBrowser victim = browser();
		signInAs(victim, person("5002", "Victim Vera", null), false);
		github.nextPerson(new FakePerson("5801502", "Vera", "vera-gh", null, null));
		String callback = victim.callbackAfterPressing("/account", "Connect GitHub");

		TestBrowser attacker = browser();
		signInAs(attacker, person("5003", "Attacker Abe", null), false);
		TestBrowser.Page page = attacker.follow(attacker.get(callback));
		assertThat(page.uri().getPath()).isEqualTo("/");
		assertThat(identities("facebook$5002")).isEqualTo(1);
		assertThat(identities("facebook$5003")).isEqualTo(1);
		assertThat(users("github$5801502")).isZero();
		assertThat(github.calls(FakeOAuth2Provider.TOKEN)).as("the provider is never called").isZero();
	}

	@Test
	void staleLinkWhenStartedBeforeSignOutThenLinksNothing() {
		TestBrowser browser = browser();
		signInAs(browser, person("5004", "Signing Out Sam", null), false);
		github.nextPerson(new FakePerson("5801504", "Sam", "sam-gh", null, null));
		String callback = browser.callbackAfterPressing("/account", "Connect GitHub");
		browser.pressAndFollow(browser.open("/"), "Sign out");

		TestBrowser.Page page = browser.follow(browser.get(callback));
		assertThat(page.message()).contains("That sign-in link has expired or was not started here.");
		assertThat(page.greeting()).isEmpty();
		assertThat(users("github$5801504")).isZero();
		assertThat(identities("facebook$5004")).isEqualTo(1);
	}

	@Test
	void staleLinkWhenStartedBeforeAnAccountSwitchThenLinksNothingToEitherAccount() {
		TestBrowser browser = browser();
		signInAs(browser, person("5005", "First Fay", null), false);
		github.nextPerson(new FakePerson("5801505", "Fay", "fay-gh", null, null));
		String callback = browser.callbackAfterPressing("/account", "Connect GitHub");
		browser.pressAndFollow(browser.open("/"), "Sign out");
		signInAs(browser, person("5006", "Second Sid", null), false);

		TestBrowser.Page page = browser.follow(browser.get(callback));
		assertThat(page.greeting()).as("still Sid, and nobody else").contains("Hi, Second Sid!");
		assertThat(users("github$5801505")).isZero();
		assertThat(identities("facebook$5005")).isEqualTo(1);
		assertThat(identities("facebook$5006")).isEqualTo(1);
	}

	@Test
	void mergeByEmailWhenTwoProvidersGiveTheSameVerifiedEmailThenNeverTheSameAccount() {
		signInAs(browser(), person("5007", "Same Email", "same@example.com"), false);
		TestBrowser other = browser();
		signInAs(other, "GitHub", github, new FakePerson("5801507", "Same Email", "same-gh", "same@example.com", null));
		assertThat(userId("github$5801507")).isNotEqualTo(userId("facebook$5007"));
		assertThat(identities("facebook$5007")).isEqualTo(1);
		assertThat(identities("github$5801507")).isEqualTo(1);
	}

	@Test
	void accountTakeoverWhenIdentityUsedByAnotherAccountThenRefusedNothingChangesNobodySignedOut() {
		TestBrowser owner = browser();
		signInAs(owner, "GitHub", github, new FakePerson("5801508", "Owner Olga", "olga-gh", null, null));
		long ownersAccount = userId("github$5801508");
		TestBrowser other = browser();
		signInAs(other, person("5009", "Other Otto", null), false);

		github.nextPerson(new FakePerson("5801508", "Owner Olga", "olga-gh", null, null));
		TestBrowser.Page page = connect(other, "GitHub");
		assertThat(page.message()).contains("That GitHub account is already used by another account here.");
		assertThat(userId("github$5801508")).isEqualTo(ownersAccount);
		assertThat(identities("facebook$5009")).isEqualTo(1);
		assertThat(owner.open("/").greeting()).as("the owner stays signed in").contains("Hi, Owner Olga!");
		assertThat(other.open("/").greeting()).contains("Hi, Other Otto!");
	}

	@Test
	void relinkWhenIdentityAlreadyOnThisAccountThenNothingChangesAndSaysSo() {
		TestBrowser browser = browser();
		signInAs(browser, person("5010", "Twice Tina", null), false);
		TestBrowser.Page account = browser.open("/account");
		HttpResponse<String> connect = browser.post("/account/connect/facebook",
				Map.of("_csrf", account.document().selectFirst("input[name=_csrf]").val()));
		TestBrowser.Page page = browser.follow(connect);
		assertThat(page.message()).contains("That Facebook account is already connected to yours; nothing changed.");
		assertThat(identities("facebook$5010")).isEqualTo(1);
	}

	@Test
	void linkRaceWhenTwoAccountsConnectTheSameIdentityAtOnceThenExactlyOneWins() throws Exception {
		TestBrowser first = browser();
		signInAs(first, person("5011", "Racer One", null), false);
		TestBrowser second = browser();
		signInAs(second, person("5012", "Racer Two", null), false);
		github.nextPerson(new FakePerson("5801511", "Contested", "contested-gh", null, null));
		String firstCallback = first.callbackAfterPressing("/account", "Connect GitHub");
		String secondCallback = second.callbackAfterPressing("/account", "Connect GitHub");

		List<TestBrowser.Page> pages = Simultaneously.follow(List.of(first, second),
				List.of(firstCallback, secondCallback));
		assertThat(pages).allSatisfy((page) -> {
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.uri().getPath()).isEqualTo("/account");
		});
		assertThat(pages).extracting((page) -> page.message().orElse(""))
			.containsExactlyInAnyOrder("GitHub is now connected.",
					"That GitHub account is already used by another account here.");
		assertThat(users("github$5801511")).isEqualTo(1);
		assertThat(identities("facebook$5011") + identities("facebook$5012")).isEqualTo(3);
	}

	@Test
	void linkCsrfWhenConnectOrDisconnectByLinkOrWithoutTokenThenNothingChanges() {
		TestBrowser browser = browser();
		signInAs(browser, person("5013", "Careful Cleo", null), false);
		github.nextPerson(new FakePerson("5801513", "Cleo", "cleo-gh", null, null));
		connect(browser, "GitHub");
		github.reset();

		assertThat(browser.open("/account/connect/google").uri().getPath()).isEqualTo("/account");
		assertThat(browser.open("/account/disconnect/github").uri().getPath()).isEqualTo("/account");
		HttpResponse<String> withoutToken = browser.post("/account/disconnect/github", Map.of());
		assertThat(browser.follow(withoutToken).message())
			.contains("That page had expired, so nothing was done. Please try again.");
		browser.post("/account/connect/google", Map.of());
		assertThat(google.calls()).isEmpty();
		assertThat(identities("facebook$5013")).isEqualTo(2);
	}

	@Test
	void providerFailureWhenConnectingThenAccountAsItWas() {
		TestBrowser browser = browser();
		signInAs(browser, person("5014", "Failing Fred", null), false);
		github.failNext(FakeOAuth2Provider.TOKEN, Fault.answer(Response.text(500, "oops")));
		TestBrowser.Page page = connect(browser, "GitHub");
		assertThat(page.uri().getPath()).isEqualTo("/account");
		assertThat(page.message()).contains("GitHub did not answer, please try again.");
		assertThat(identities("facebook$5014")).isEqualTo(1);
		github.denyNext();
		assertThat(connect(browser, "GitHub").message()).contains("You cancelled signing in with GitHub.");
		assertThat(identities("facebook$5014")).isEqualTo(1);
	}

	@Test
	void disconnectWhenLastIdentityThenRefusedWithAMessage() {
		TestBrowser browser = browser();
		signInAs(browser, person("5015", "Only Olive", null), false);
		TestBrowser.Page account = browser.open("/account");
		assertThat(account.document().select("button:contains(Disconnect)")).as("no button for the only one").isEmpty();
		HttpResponse<String> disconnect = browser.post("/account/disconnect/facebook",
				Map.of("_csrf", account.document().selectFirst("input[name=_csrf]").val()));
		TestBrowser.Page page = browser.follow(disconnect);
		assertThat(page.message())
			.contains("Facebook is your only way to sign in, so it stays connected. Connect another provider first.");
		assertThat(identities("facebook$5015")).isEqualTo(1);
	}

	@Test
	void disconnectThenThatIdentitySignsInToANewAccount() {
		TestBrowser browser = browser();
		signInAs(browser, person("5016", "Parting Pia", null), false);
		long account = userId("facebook$5016");
		github.nextPerson(new FakePerson("5801516", "Pia", "pia-gh", null, null));
		connect(browser, "GitHub");
		TestBrowser.Page page = browser.pressAndFollow(browser.open("/account"), "Disconnect GitHub");
		assertThat(page.message())
			.contains("GitHub is no longer connected, and every session signed in with it has ended. Signing in with it would now start a new account.");
		assertThat(connectedProviders(page)).containsExactly("facebook");

		TestBrowser other = browser();
		signInAs(other, "GitHub", github, new FakePerson("5801516", "Pia", "pia-gh", null, null));
		assertThat(userId("github$5801516")).isNotEqualTo(account);
		assertThat(userId("facebook$5016")).isEqualTo(account);
	}

	private TestBrowser.Page connect(TestBrowser browser, String providerName) {
		return browser.pressAndFollow(browser.open("/account"), "Connect " + providerName);
	}

	private static List<String> connectedProviders(TestBrowser.Page account) {
		return account.document()
			.select("li.method")
			.stream()
			.filter((method) -> method.selectFirst(".method-status").text().startsWith("Connected"))
			.map((method) -> method.attr("data-provider"))
			.toList();
	}

	/** How many identities the account of this social id has. */
	private int identities(String socialId) {
		return this.jdbc.queryForObject("select count(*) from identities where user_id = ?", Integer.class,
				userId(socialId));
	}

}
