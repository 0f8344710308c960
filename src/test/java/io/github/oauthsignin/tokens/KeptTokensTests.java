package io.github.oauthsignin.tokens;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.client.RestClient;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer.Fault;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.signin.oauth1.OAuth1AuthorizedClient;
import io.github.oauthsignin.signin.SignInProviders;
import io.github.oauthsignin.signin.oauth1.OAuth1AuthorizedClientService;
import io.github.oauthsignin.signin.oauth1.OAuth1SignInProvider;
import io.github.oauthsignin.support.KeptTokensTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tokens kept with {@code signin.providers.<id>.keep-tokens=true} (GitHub, Google, X over OAuth 1.0a here; not
 * Facebook): kept encrypted at each sign-in and connection, refreshed by Spring Security when they expire, and
 * forgotten (deleted, and revoked at the stand-in) by "Forget", by disconnecting and by deleting the account. People
 * here have GitHub ids 5827001 to 5827099, Google subjects kept-*, Facebook ids 27001 to 27099.
 */
class KeptTokensTests extends KeptTokensTestSupport {

	@Autowired
	private OAuth2AuthorizedClientService authorizedClients;

	@Autowired
	private OAuth1AuthorizedClientService oauth1AuthorizedClients;

	@Autowired
	private SignInProviders providers;

	@Autowired
	private RestClient.Builder http;

	@Test
	void signInWhenTokensKeptThenStoredEncryptedAndTheRawDatabaseHoldsNoTokenString() {
		signInAs(browser(), "GitHub", github, gitHubPerson("5827001", "ada-kept"));
		String token = last(github.issuedAccessTokens());
		long id = userId("github$5827001");

		List<Map<String, Object>> rows = keptOAuth2(id);
		assertThat(rows).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("CLIENT_REGISTRATION_ID", "github")
				.containsEntry("ACCESS_TOKEN_SCOPES", "read:user,user:email"));
		assertThat(rawDatabase()).contains("read:user,user:email").doesNotContain(token);
		OAuth2AuthorizedClient client = this.authorizedClients.loadAuthorizedClient("github", Long.toString(id));
		assertThat(client.getAccessToken().getTokenValue()).isEqualTo(token);
		assertThat(client.getAccessToken().getScopes()).containsExactlyInAnyOrder("read:user", "user:email");
	}

	@Test
	void signInWhenKeepTokensOffThenNothingStored() {
		signInAs(browser(), person("27001", "Fiona Off", "fiona@example.com"), false);
		long id = userId("facebook$27001");
		assertThat(keptOAuth2(id)).isEmpty();
		assertThat(keptOAuth1(id)).isEmpty();
		assertThat(rawDatabase()).doesNotContain(last(facebook.issuedAccessTokens()));
		assertThat(this.authorizedClients.<OAuth2AuthorizedClient>loadAuthorizedClient("facebook", Long.toString(id)))
			.isNull();
	}

	@Test
	void signInAgainThenTheNewTokenIsKeptInPlaceOfTheOld() {
		FakePerson person = gitHubPerson("5827002", "twice-kept");
		signInAs(browser(), "GitHub", github, person);
		String first = last(github.issuedAccessTokens());
		signInAs(browser(), "GitHub", github, person);
		String second = last(github.issuedAccessTokens());
		long id = userId("github$5827002");
		assertThat(keptOAuth2(id)).hasSize(1);
		OAuth2AuthorizedClient kept = this.authorizedClients.loadAuthorizedClient("github", Long.toString(id));
		assertThat(kept.getAccessToken().getTokenValue()).isEqualTo(second).isNotEqualTo(first);
	}

	@Test
	void refreshWhenGoogleAccessTokenExpiredThenRefreshedByItselfAndTheNewTokenKeptEncrypted() {
		TestBrowser browser = browser();
		signInAs(browser, "Google", google, new FakePerson("kept-1", "Rita Refresh", "rita", null, null));
		assertThat(google.lastAuthorizationRequest()).containsEntry("access_type", "offline");
		long id = userId("google$kept-1");
		String first = last(google.issuedAccessTokens());
		String refreshToken = last(google.issuedRefreshTokens());
		assertThat(rawDatabase()).doesNotContain(first).doesNotContain(refreshToken);
		expireKeptAccessToken("google", id);
		google.reset();

		HttpResponse<String> answer = browser.get("/example/google/name");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("Rita Refresh");
		assertThat(google.calls()).containsEntry(FakeOAuth2Provider.TOKEN, 1);
		String refreshed = last(google.issuedAccessTokens());
		assertThat(refreshed).isNotEqualTo(first);
		OAuth2AuthorizedClient kept = this.authorizedClients.loadAuthorizedClient("google", Long.toString(id));
		assertThat(kept.getAccessToken().getTokenValue()).isEqualTo(refreshed);
		assertThat(kept.getAccessToken().getExpiresAt()).isAfter(Instant.now());
		assertThat(kept.getRefreshToken().getTokenValue()).isEqualTo(refreshToken);
		assertThat(rawDatabase()).doesNotContain(refreshed).doesNotContain(refreshToken);
		assertThat(google.refusals()).isEmpty();
	}

	@Test
	void refreshWhenGoogleHangsThenTheAppsTimeLimitEndsItWithAMessageAndTheTokensStayKept() {
		TestBrowser browser = browser();
		signInAs(browser, "Google", google, new FakePerson("kept-4", "Sam Slow", "sam", null, null));
		long id = userId("google$kept-4");
		expireKeptAccessToken("google", id);
		google.failNext(FakeOAuth2Provider.TOKEN, Fault.stall(Duration.ofSeconds(4)));

		HttpResponse<String> answer = browser.get("/example/google/name");

		assertThat(answer.statusCode()).as("the refresh ran on Spring Boot's client, 2 s read time limit")
			.isEqualTo(302);
		assertThat(browser.follow(answer).message()).contains("Google did not answer, please try again.");
		assertThat(keptOAuth2(id)).as("kept: the provider did not refuse it").hasSize(1);
	}

	@Test
	void forgetThenDeletedRevokedAtGitHubAndThePageSaysSo() {
		TestBrowser browser = browser();
		signInAs(browser, "GitHub", github, gitHubPerson("5827003", "forgetful"));
		String token = last(github.issuedAccessTokens());
		long id = userId("github$5827003");
		TestBrowser.Page account = browser.open("/account");
		assertThat(account.text("li.kept-access[data-provider=github] .kept-scopes"))
			.contains("Allowed: read:user, user:email");
		assertThat(account.text("li.kept-access[data-provider=github] .kept-since").orElseThrow())
			.startsWith("Kept since ");
		assertThat(account.text(".account-note").orElseThrow()).contains("Besides the access above, we keep nothing else");
		github.reset();

		TestBrowser.Page after = browser.pressAndFollow(account, "Forget GitHub access");

		assertThat(after.uri().getPath()).isEqualTo("/account");
		assertThat(after.message()).contains("We no longer keep access to your GitHub account, and asked GitHub to "
				+ "revoke it where it can. Signing in with GitHub again gives it back.");
		assertThat(after.document().select("li.kept-access")).isEmpty();
		assertThat(after.text(".account-note").orElseThrow()).startsWith("We keep nothing else");
		assertThat(keptOAuth2(id)).isEmpty();
		assertThat(github.calls()).containsEntry(FakeOAuth2Provider.REVOKE, 1);
		assertThat(github.isActive(token)).isFalse();
		assertThat(github.refusals()).isEmpty();
		assertThat(users("github$5827003")).as("the identity stays").isEqualTo(1);

		HttpResponse<String> example = browser.get("/example/github/repositories");
		assertThat(example.statusCode()).isEqualTo(302);
		assertThat(browser.follow(example).message().orElseThrow())
			.startsWith("That needs access to your GitHub account, which we do not keep now.");
	}

	@Test
	void forgetWhenGitHubFailsToRevokeThenStillDeletedAndNeverAnErrorPage() {
		TestBrowser browser = browser();
		signInAs(browser, "GitHub", github, gitHubPerson("5827004", "unlucky"));
		long id = userId("github$5827004");
		github.failNext(FakeOAuth2Provider.REVOKE, Fault.answer(Response.text(502, "Bad Gateway")));

		TestBrowser.Page after = browser.pressAndFollow(browser.open("/account"), "Forget GitHub access");

		assertThat(after.status()).isEqualTo(200);
		assertThat(after.message().orElseThrow()).startsWith("We no longer keep access to your GitHub account");
		assertThat(keptOAuth2(id)).isEmpty();
	}

	@Test
	void forgetWhenNothingKeptThenSaysSoAndCallsNoProvider() {
		TestBrowser browser = browser();
		signInAs(browser, person("27003", "Nothing Kept", null), false);
		String csrf = browser.open("/account").document().selectFirst("input[name=_csrf]").val();

		TestBrowser.Page after = browser.follow(browser.post("/account/forget/github", Map.of("_csrf", csrf)));

		assertThat(after.message()).contains("We keep no access to your GitHub account.");
		assertThat(github.calls()).doesNotContainKey(FakeOAuth2Provider.REVOKE);
	}

	@Test
	void forgetWhenTheKeptValueCannotBeReadThenDeletedWithoutARevocation() {
		TestBrowser browser = browser();
		signInAs(browser, "GitHub", github, gitHubPerson("5827007", "unreadable"));
		long id = userId("github$5827007");
		this.jdbc.update("update oauth2_authorized_client set access_token_value = ? where principal_name = ?",
				"kid00000-not-an-encrypted-token".getBytes(StandardCharsets.US_ASCII),
				Long.toString(id));
		assertThat(this.authorizedClients.<OAuth2AuthorizedClient>loadAuthorizedClient("github", Long.toString(id)))
			.as("unreadable: as if not kept").isNull();
		github.reset();

		TestBrowser.Page after = browser.pressAndFollow(browser.open("/account"), "Forget GitHub access");

		assertThat(after.message().orElseThrow()).startsWith("We no longer keep access to your GitHub account");
		assertThat(keptOAuth2(id)).isEmpty();
		assertThat(github.calls()).doesNotContainKey(FakeOAuth2Provider.REVOKE);
	}

	@Test
	void forgetWhenNoCsrfTokenThenRefusedAndStillKept() {
		TestBrowser browser = browser();
		signInAs(browser, "GitHub", github, gitHubPerson("5827005", "careful"));
		long id = userId("github$5827005");
		HttpResponse<String> forged = browser.post("/account/forget/github", Map.of());
		assertThat(browser.follow(forged).message())
			.contains("That page had expired, so nothing was done. Please try again.");
		assertThat(browser.get("/account/forget/github").statusCode()).isEqualTo(302);
		assertThat(keptOAuth2(id)).hasSize(1);
		assertThat(github.calls()).doesNotContainKey(FakeOAuth2Provider.REVOKE);
	}

	@Test
	void connectWhenProviderKeepsTokensThenKeptAndDisconnectRevokesThemAtGoogle() {
		TestBrowser browser = browser();
		signInAs(browser, person("27002", "Connie Connect", null), false);
		long id = userId("facebook$27002");
		google.nextPerson(new FakePerson("kept-2", "Connie on Google", "connie", null, null));
		browser.pressAndFollow(browser.open("/account"), "Connect Google");
		assertThat(keptOAuth2(id)).extracting((row) -> row.get("CLIENT_REGISTRATION_ID")).containsExactly("google");
		String accessToken = last(google.issuedAccessTokens());
		String refreshToken = last(google.issuedRefreshTokens());
		google.reset();

		TestBrowser.Page after = browser.pressAndFollow(browser.open("/account"), "Disconnect Google");

		assertThat(after.message().orElseThrow()).startsWith("Google is no longer connected, and every session signed in with it has ended.");
		assertThat(keptOAuth2(id)).isEmpty();
		assertThat(google.calls()).containsEntry(FakeOAuth2Provider.REVOKE, 1);
		assertThat(google.isActive(refreshToken)).isFalse();
		assertThat(google.isActive(accessToken)).isFalse();
		assertThat(google.refusals()).isEmpty();
	}

	@Test
	void deleteAccountThenEveryKeptTokenRevokedAtItsProviderAndGone() {
		TestBrowser browser = browser();
		github.nextPerson(gitHubPerson("5827006", "leaving"));
		signIn(browser, "GitHub");
		long id = userId("github$5827006");
		String gitHubToken = last(github.issuedAccessTokens());
		twitter.nextPerson(new FakePerson(null, "Leaving on X", "leaving_x", null, null));
		browser.pressAndFollow(browser.open("/account"), "Connect X");
		google.nextPerson(new FakePerson("kept-3", "Leaving on Google", "leaving", null, null));
		browser.pressAndFollow(browser.open("/account"), "Connect Google");
		String googleRefreshToken = last(google.issuedRefreshTokens());
		OAuth1AuthorizedClient x = this.oauth1AuthorizedClients.loadAuthorizedClient("twitter", Long.toString(id));
		assertThat(x).isNotNull();
		assertThat(rawDatabase()).doesNotContain(x.accessToken().token()).doesNotContain(x.accessToken().secret());
		assertThat(keptOAuth2(id)).hasSize(2);
		assertThat(keptOAuth1(id)).hasSize(1);

		browser.pressAndFollow(browser.open("/account/delete"), "Delete my account");

		assertThat(keptOAuth2(id)).isEmpty();
		assertThat(keptOAuth1(id)).isEmpty();
		assertThat(github.isActive(gitHubToken)).isFalse();
		assertThat(google.isActive(googleRefreshToken)).isFalse();
		assertThat(twitter.isActive(x.accessToken().token())).isFalse();
		assertThat(twitter.calls()).containsEntry(FakeTwitter.INVALIDATE_TOKEN, 1);
		assertThat(github.refusals()).isEmpty();
		assertThat(google.refusals()).isEmpty();
		assertThat(twitter.refusals()).isEmpty();
	}

	@Test
	void accountPageWhenXOverOAuth1KeptThenSaysWhatWasApprovedThere() {
		TestBrowser browser = browser();
		twitter.nextPerson(new FakePerson(null, "Xavier", "xavier_kept", null, null));
		signIn(browser, "X");
		assertThat(browser.open("/account").text("li.kept-access[data-provider=twitter] .kept-scopes"))
			.contains("Allowed: what you approved at X");
	}

	@Test
	void callXAsThePersonWhenOAuth1TokenKeptThenTheInterceptorSignsWithItAndWithoutOneRefuses() {
		twitter.nextPerson(new FakePerson(null, "Signe Signed", "signe_signed", null, null));
		signIn(browser(), "X");
		long id = userId("twitter$" + FakeTwitter.twitterIdFor("signe_signed"));
		OAuth1SignInProvider x = (OAuth1SignInProvider) this.providers.find("twitter").orElseThrow();
		RestClient asThePerson = this.http.requestInterceptor(x.requestInterceptor(this.oauth1AuthorizedClients))
			.build();
		try {
			SecurityContextHolder.getContext()
				.setAuthentication(new PreAuthenticatedAuthenticationToken(Long.toString(id), null));
			assertThat(asThePerson.get().uri(twitter.userInfoUri()).retrieve().body(String.class))
				.contains("\"screen_name\":\"signe_signed\"");
			SecurityContextHolder.getContext()
				.setAuthentication(new PreAuthenticatedAuthenticationToken("999999", null));
			assertThatExceptionOfType(ClientAuthorizationRequiredException.class)
				.isThrownBy(() -> asThePerson.get().uri(twitter.userInfoUri()).retrieve().toBodilessEntity());
		}
		finally {
			SecurityContextHolder.clearContext();
		}
		assertThat(twitter.refusals()).isEmpty();
	}

	private void expireKeptAccessToken(String provider, long userId) {
		Instant past = Instant.now().minusSeconds(3600);
		this.jdbc.update("update oauth2_authorized_client set access_token_issued_at = ?, access_token_expires_at = ? "
				+ "where client_registration_id = ? and principal_name = ?", Timestamp.from(past.minusSeconds(3600)),
				Timestamp.from(past), provider, Long.toString(userId));
	}

	private static FakePerson gitHubPerson(String id, String login) {
		return new FakePerson(id, login, login, null, null);
	}

	private static String last(List<String> values) {
		return values.get(values.size() - 1);
	}

}
