package io.github.oauthsignin.providers.x;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.oauth2.Flavour;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.support.FailedStart;
import io.github.oauthsignin.support.KeptTokensTestSupport;
import io.github.oauthsignin.support.StandIn;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * X over OAuth 2.0 ({@code X_CLIENT_ID}, {@code X_CLIENT_SECRET}) against the strict fake X, which wants PKCE S256
 * and HTTP Basic client authentication; and an operator moving from OAuth 1.0a to OAuth 2.0, which keeps every
 * account. Each app here is started by the test, on a database it names, because two apps take turns on one.
 */
class XOverOAuth2Tests {

	private static final FakePerson ADA = new FakePerson("1456789012345678901", "Ada Lovelace", "ada_lovelace",
			null, null);

	@Test
	void signInWhenMovedFromOAuth1ToOAuth2ThenTheSamePersonLandsInTheSameAccount() {
		String database = "jdbc:h2:mem:x-move-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		long accountOverOAuth1;
		try (StandInProviders oauth1 = StandInProviders.start(StandIn.twitter("x-consumer", "x-consumer-secret"));
				ConfigurableApplicationContext app = start(database, oauth1)) {
			oauth1.fake("twitter", FakeTwitter.class).nextPerson(ADA);
			assertThat(signInWithX(app).greeting()).contains("Hi, Ada Lovelace!");
			accountOverOAuth1 = accountOf(app, "twitter$1456789012345678901");
		}
		try (StandInProviders oauth2 = StandInProviders
			.start(StandIn.preset("twitter", "X", Flavour.X, "x-oauth2-client", "x-oauth2-secret"));
				ConfigurableApplicationContext app = start(database, oauth2)) {
			FakeOAuth2Provider x = oauth2.fake("twitter", FakeOAuth2Provider.class);
			x.nextPerson(ADA);
			TestBrowser.Page page = signInWithX(app);
			assertThat(page.greeting()).contains("Hi, Ada Lovelace!");
			assertThat(accountOf(app, "twitter$1456789012345678901")).isEqualTo(accountOverOAuth1);
			assertThat(new JdbcTemplate(app.getBean(DataSource.class))
				.queryForObject("select count(*) from users", Integer.class)).isEqualTo(1);
			assertThat(x.lastAuthorizationRequest()).containsEntry("code_challenge_method", "S256")
				.containsEntry("scope", "users.read tweet.read")
				.containsEntry("redirect_uri", base(app) + "/callback/twitter");
			assertThat(x.refusals()).isEmpty();
		}
	}

	@Test
	void signInOverOAuth2WhenApprovedThenNameHandleAndPicture() {
		try (StandInProviders oauth2 = StandInProviders
			.start(StandIn.preset("twitter", "X", Flavour.X, "x-oauth2-client", "x-oauth2-secret"));
				ConfigurableApplicationContext app = start("jdbc:h2:mem:x-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
						oauth2)) {
			oauth2.fake("twitter", FakeOAuth2Provider.class)
				.nextPerson(new FakePerson("1456789012345678902", "Grace Hopper", "grace", null,
						"https://pbs.example/grace.jpg"));
			assertThat(signInWithX(app).greeting()).contains("Hi, Grace Hopper!");
			assertThat(new JdbcTemplate(app.getBean(DataSource.class)).queryForMap(
					"select u.nickname, u.username, u.picture_url from users u where u.id = ?",
					accountOf(app, "twitter$1456789012345678902")))
				.containsEntry("NICKNAME", "Grace Hopper")
				.containsEntry("USERNAME", "grace")
				.containsEntry("PICTURE_URL", "https://pbs.example/grace.jpg");
		}
	}

	@Test
	void keptTokensWhenOfflineAccessAskedThenRefreshTokenKeptAndForgetRevokesAtX() {
		try (StandInProviders oauth2 = StandInProviders
			.start(StandIn.preset("twitter", "X", Flavour.X, "x-oauth2-client", "x-oauth2-secret"));
				ConfigurableApplicationContext app = start("jdbc:h2:mem:x-kept-" + UUID.randomUUID()
						+ ";DB_CLOSE_DELAY=-1", oauth2, "--signin.tokens.key=" + KeptTokensTestSupport.KEY,
						"--signin.providers.twitter.keep-tokens=true",
						"--spring.security.oauth2.client.registration.twitter.scope=users.read,tweet.read,offline.access")) {
			FakeOAuth2Provider x = oauth2.fake("twitter", FakeOAuth2Provider.class);
			x.nextPerson(ADA);
			TestBrowser browser = new TestBrowser(URI.create(base(app) + "/"));
			browser.pressAndFollow(browser.open("/"), "Sign in with X");
			String accessToken = x.issuedAccessTokens().get(0);
			String refreshToken = x.issuedRefreshTokens().get(0);
			OAuth2AuthorizedClient kept = app.getBean(OAuth2AuthorizedClientService.class)
				.loadAuthorizedClient("twitter", Long.toString(accountOf(app, "twitter$1456789012345678901")));
			assertThat(kept.getRefreshToken().getTokenValue()).isEqualTo(refreshToken);
			assertThat(kept.getAccessToken().getScopes()).contains("offline.access");

			TestBrowser.Page after = browser.pressAndFollow(browser.open("/account"), "Forget X access");

			assertThat(after.message().orElseThrow()).startsWith("We no longer keep access to your X account");
			assertThat(x.calls()).containsEntry(FakeOAuth2Provider.REVOKE, 1);
			assertThat(x.isActive(refreshToken)).isFalse();
			assertThat(x.isActive(accessToken)).isFalse();
			assertThat(x.refusals()).isEmpty();
		}
	}

	@Test
	void startWhenBothXPairsSetThenRefusesNamingAllFourVariables() {
		assertThat(FailedStart.of("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:x-both-" + UUID.randomUUID(),
				"--signin.twitter.consumer-key=key", "--signin.twitter.consumer-secret=secret",
				"--spring.security.oauth2.client.registration.twitter.client-id=id",
				"--spring.security.oauth2.client.registration.twitter.client-secret=secret")
			.failure())
			.hasRootCauseInstanceOf(InvalidSettingException.class)
			.rootCause()
			.hasMessageContainingAll("X_CLIENT_ID", "X_CLIENT_SECRET", "TWITTER_CONSUMER_KEY",
					"TWITTER_CONSUMER_SECRET");
	}

	private static ConfigurableApplicationContext start(String database, StandInProviders standIns,
			String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database));
		arguments.addAll(standIns.arguments());
		arguments.addAll(List.of(more));
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SignInApplication.class)
			.run(arguments.toArray(String[]::new));
		standIns.allowCallbacksAt(base(app));
		return app;
	}

	private static TestBrowser.Page signInWithX(ConfigurableApplicationContext app) {
		TestBrowser browser = new TestBrowser(URI.create(base(app) + "/"));
		return browser.pressAndFollow(browser.open("/"), "Sign in with X");
	}

	private static long accountOf(ConfigurableApplicationContext app, String socialId) {
		return new JdbcTemplate(app.getBean(DataSource.class))
			.queryForObject("select user_id from identities where provider || '$' || provider_user_id = ?", Long.class,
					socialId);
	}

	private static String base(ConfigurableApplicationContext app) {
		return "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
	}

}
