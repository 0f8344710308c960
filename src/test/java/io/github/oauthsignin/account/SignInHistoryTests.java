package io.github.oauthsignin.account;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;
import io.github.oauthsignin.user.SignInHistoryRetention;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in history on the account page: written at every sign-in with the client address the named proxy
 * reports (this machine is named the proxy here, as DEPLOY shows for nginx) and a short browser family, listed
 * newest first, forgotten after the retention period and with the account.
 */
@TestPropertySource(properties = { "server.forward-headers-strategy=native",
		"server.tomcat.remoteip.internal-proxies=127[.]0[.]0[.]1|0:0:0:0:0:0:0:1",
		"signin.operators.addresses=192.0.2.10/32" })
class SignInHistoryTests extends SignInFlowTestSupport {

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

	private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

	@Autowired
	SignInHistoryRetention retention;

	@Test
	void accountWhenSignedInFromTwoBrowsersThenHistoryListsBothNewestFirst() {
		FakePerson hedy = person("4701", "Hedy Lamarr", "hedy@example.com");
		TestBrowser laptop = browser().alwaysSend("X-Forwarded-For", "203.0.113.41")
			.alwaysSend("User-Agent", FIREFOX);
		TestBrowser phone = browser().alwaysSend("X-Forwarded-For", "2001:db8::47").alwaysSend("User-Agent", IPHONE);
		signInAs(laptop, hedy, false);
		signInAs(phone, hedy, false);

		TestBrowser.Page account = phone.open("/account");

		List<Element> rows = account.document().select("tr.history-row");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).select("td").eachText()).containsSubsequence("Facebook", "2001:db8::47", "Safari on iOS");
		assertThat(rows.get(1).select("td").eachText()).containsSubsequence("Facebook", "203.0.113.41",
				"Firefox on Linux");
		assertThat(rows.get(0).select("time").attr("datetime")).endsWith("Z");
		assertThat(account.text("#history-heading")).contains("Recent sign-ins");
		assertThat(account.html()).as("the whole User-Agent is never kept").doesNotContain("Gecko/20100101");
	}

	@Test
	void accountWhenGermanReaderThenBrowserFamilyInGermanAndUnknownBrowserSaidSo() {
		TestBrowser firefox = browser().alwaysSend("User-Agent", FIREFOX);
		signInAs(firefox, person("4705", "Lise Meitner", null), false);
		TestBrowser script = browser().alwaysSend("User-Agent", "curl/8.11.1");
		signInAs(script, person("4705", "Lise Meitner", null), false);

		List<Element> rows = firefox.alwaysSend("Accept-Language", "de-DE,de")
			.open("/account")
			.document()
			.select("tr.history-row");

		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).select("td.history-browser").text()).isEqualTo("ein anderer Browser oder ein Programm");
		assertThat(rows.get(1).select("td.history-browser").text()).isEqualTo("Firefox unter Linux");
	}

	@Test
	void accountWhenMoreThanTwentySignInsThenTheLatestTwenty() {
		FakePerson ida = person("4702", "Ida Rhodes", null);
		TestBrowser browser = browser();
		signInAs(browser, ida, false);
		long id = userId("facebook$4702");
		for (int day = 1; day <= 25; day++) {
			insertSignIn(id, "twitter", Instant.now().minus(Duration.ofDays(day)));
		}

		List<Element> rows = browser.open("/account").document().select("tr.history-row");

		assertThat(rows).hasSize(20);
		assertThat(rows.get(0).text()).contains("Facebook");
		assertThat(rows.get(19).text()).contains("X");
		assertThat(signInsOf(id, "twitter")).isEqualTo(25);
	}

	@Test
	void retentionWhenOlderThanNinetyDaysThenForgottenAndNewerKept() {
		signInAs(browser(), person("4703", "Joan Clarke", null), false);
		long id = userId("facebook$4703");
		insertSignIn(id, "github", Instant.now().minus(Duration.ofDays(91)));
		insertSignIn(id, "github", Instant.now().minus(Duration.ofDays(89)));

		int forgotten = this.retention.forgetExpired();

		assertThat(forgotten).isGreaterThanOrEqualTo(1);
		assertThat(signInsOf(id, "github")).isEqualTo(1);
		assertThat(signInsOf(id, "facebook")).isEqualTo(1);
	}

	@Test
	void deleteAccountWhenHistoryThenHistoryGoesWithIt() {
		TestBrowser browser = browser();
		signInAs(browser, person("4704", "Klara Dan", null), false);
		long id = userId("facebook$4704");
		assertThat(signInsOf(id, "facebook")).isEqualTo(1);

		browser.pressAndFollow(browser.open("/account/delete"), "Delete my account");

		assertThat(users("facebook$4704")).isZero();
		assertThat(signInsOf(id, "facebook")).isZero();
	}

	@Test
	void signInWhenFailedThenNoHistoryRow() {
		facebook.denyNext();
		int before = this.jdbc.queryForObject("select count(*) from sign_in_history", Integer.class);
		assertThat(signIn(browser(), "Facebook").message()).contains("You cancelled signing in with Facebook.");
		assertThat(this.jdbc.queryForObject("select count(*) from sign_in_history", Integer.class)).isEqualTo(before);
	}

	private void insertSignIn(long userId, String provider, Instant when) {
		this.jdbc.update("insert into sign_in_history (user_id, provider, signed_in_at, client_address) "
				+ "values (?, ?, ?, ?)", userId, provider, Timestamp.from(when), "198.51.100.1");
	}

}
