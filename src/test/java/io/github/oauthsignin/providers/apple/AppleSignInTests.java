package io.github.oauthsignin.providers.apple;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer;
import io.github.oauthsignin.fake.oauth2.FakeApple;
import io.github.oauthsignin.fake.oauth2.IdTokenAttack;
import io.github.oauthsignin.signin.FormPostAnswers;
import io.github.oauthsignin.support.TestBrowser;
import io.github.oauthsignin.tokens.RevocationRetries;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with Apple against the strict stand-in: the answer's cross-site form post turned into a GET of the app,
 * the ES256 client secret, the ID token's checks, the name of the first consent kept, the {@code user} field's email
 * never taken, forged and replayed posts.
 */
class AppleSignInTests extends AppleSignInTestSupport {

	@Autowired
	private RevocationRetries retries;

	private static final String EXPIRED = "That sign-in link has expired or was not started here.";

	private static final String REJECTED = "The answer from Apple did not pass our checks";

	@Test
	void signInWhenTwiceThenNameOfFirstConsentKeptAndEmailFromIdToken() {
		FakePerson ada = new FakePerson(null, "Ada Lovelace", null, "ada.apple@example.com", null);
		apple.nextPerson(ada);
		TestBrowser first = browser();
		TestBrowser.Page formPost = formPostPage(first);
		assertThat(fields(formPost)).containsKeys("code", "state", "user");
		TestBrowser.Page home = first.follow(postAnswer(first, formPost, Map.of()));
		assertThat(apple.refusals()).isEmpty();
		assertThat(home.greeting()).contains("Hi, Ada Lovelace!");

		TestBrowser second = browser();
		TestBrowser.Page again = formPostPage(second);
		assertThat(fields(again)).as("Apple sends the name at the first consent only").doesNotContainKey("user");
		assertThat(second.follow(postAnswer(second, again, Map.of())).greeting()).contains("Hi, Ada Lovelace!");

		String subject = subjectOf("ada.apple@example.com");
		assertThat(account(subject)).containsEntry("NICKNAME", "Ada Lovelace")
			.containsEntry("EMAIL", "ada.apple@example.com");
		assertThat(apple.refusals()).isEmpty();
	}

	@Test
	void authorizeThenFormPostScopeNameEmailNonceAndPkce() {
		formPostPage(browser());
		assertThat(apple.lastAuthorizationRequest()).containsEntry("client_id", CLIENT_ID)
			.containsEntry("response_mode", "form_post")
			.containsEntry("scope", "name email")
			.containsEntry("response_type", "code")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("state", "nonce");
	}

	@Test
	void signInWhenEmailHiddenThenPrivateRelayAddressKept() {
		FakePerson grace = new FakePerson(null, "Grace Hopper", null, "grace.apple@example.com", null);
		apple.nextPerson(grace);
		apple.hideEmail(true);
		TestBrowser.Page home = signIn(browser());
		assertThat(home.greeting()).contains("Hi, Grace Hopper!");
		String subject = subjectOf("grace.apple@example.com");
		assertThat((String) account(subject).get("EMAIL")).endsWith("@privaterelay.appleid.com");
	}

	@Test
	void signInWhenUserFieldNamesAnotherEmailThenOnlyTheIdTokensTaken() {
		apple.nextPerson(new FakePerson(null, "Alan Turing", null, "alan.apple@example.com", null));
		TestBrowser browser = browser();
		TestBrowser.Page formPost = formPostPage(browser);
		String forgedUser = "{\"name\":{\"firstName\":\"Alan\",\"lastName\":\"Turing\"},"
				+ "\"email\":\"victim@example.com\"}";
		browser.follow(postAnswer(browser, formPost, Map.of("user", forgedUser)));
		assertThat(account(subjectOf("alan.apple@example.com"))).containsEntry("EMAIL", "alan.apple@example.com");
		assertThat(this.jdbc.queryForObject("select count(*) from users where email = 'victim@example.com'",
				Integer.class)).isZero();
	}

	@Test
	void formPostWhenReplayedThenNothingChangesAndSaidSo() {
		apple.nextPerson(new FakePerson(null, "Replay Ray", null, "ray.apple@example.com", null));
		TestBrowser browser = browser();
		TestBrowser.Page formPost = formPostPage(browser);
		assertThat(browser.follow(postAnswer(browser, formPost, Map.of())).greeting()).contains("Hi, Replay Ray!");
		int users = allUsers();
		int tokenCalls = apple.calls(FakeApple.TOKEN);

		TestBrowser attacker = browser();
		TestBrowser.Page replayed = attacker.follow(postAnswer(attacker, formPost, Map.of()));
		assertThat(replayed.message()).contains(EXPIRED);
		assertThat(replayed.greeting()).isEmpty();
		TestBrowser.Page replayedHere = browser.follow(postAnswer(browser, formPost, Map.of()));
		assertThat(replayedHere.greeting()).as("still signed in, once").contains("Hi, Replay Ray!");
		assertThat(allUsers()).isEqualTo(users);
		assertThat(apple.calls(FakeApple.TOKEN)).isEqualTo(tokenCalls);
	}

	@Test
	void formPostWhenForgedThenNothingChangesAndSaidSo() {
		TestBrowser browser = browser();
		formPostPage(browser);
		int users = allUsers();
		HttpResponse<String> forged = browser.postFrom("https://attacker.example", "/callback/apple",
				Map.of("code", "c0ffee", "state", "forged-state", "user", "{\"name\":{\"firstName\":\"Mallory\"}}"));
		assertThat(forged.statusCode()).isEqualTo(303);
		assertThat(forged.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/callback/apple"));
		TestBrowser.Page page = browser.follow(forged);
		assertThat(page.message()).contains(EXPIRED);
		assertThat(allUsers()).isEqualTo(users);
		assertThat(apple.calls(FakeApple.TOKEN)).isZero();
	}

	@Test
	void callbackWhenCarriedAnswerForgedOrMissingThenNothingChanges() {
		TestBrowser browser = browser();
		formPostPage(browser);
		browser.setCookie(FormPostAnswers.COOKIE, "bm90LXNlYWxlZC1ieS10aGUtYXBw");
		assertThat(browser.open("/callback/apple").message()).contains(EXPIRED);
		browser.setCookie(FormPostAnswers.COOKIE, "bm90LXNlYWxlZC1ieS10aGUtYXBwIGJ1dCBsb25nIGVub3VnaCBmb3IgYSB0YWc");
		assertThat(browser.open("/callback/apple").message()).contains(EXPIRED);
		assertThat(browser.open("/callback/apple?code=c0ffee&state=s").message()).contains(EXPIRED);
		assertThat(apple.calls(FakeApple.TOKEN)).isZero();
	}

	@Test
	void signInWhenAppleRefusesTheClientSecretThenNotSetUpCorrectly() {
		apple.replaceRegisteredKey();
		TestBrowser.Page page = signIn(browser());
		assertThat(page.message()).hasValueSatisfying((message) -> assertThat(message)
			.contains("Apple is not set up correctly on this site"));
		assertThat(apple.refusals()).anySatisfy(
				(refusal) -> assertThat(refusal).contains("client_secret signature does not verify"));
		apple.reset();
		assertThat(signIn(browser()).greeting()).as("working again once the key is right").isPresent();
	}

	@Test
	void deleteAccountThenAppleTokensRevoked() {
		apple.nextPerson(new FakePerson(null, "Leaving Lea", null, "lea.apple@example.com", null));
		TestBrowser browser = browser();
		signIn(browser);
		String refreshToken = apple.issuedRefreshTokens().get(apple.issuedRefreshTokens().size() - 1);
		TestBrowser.Page confirmation = browser.follow(browser.get("/account/delete"));
		TestBrowser.Page after = browser.pressAndFollow(confirmation, "Delete my account");
		assertThat(after.message()).hasValueSatisfying((message) -> assertThat(message).contains("deleted"));
		assertThat(users(FakeApple.subjectFor("lea.apple@example.com"))).isZero();
		assertThat(apple.revokedTokens()).contains(refreshToken);
	}

	@Test
	void deleteAccountWhenAppleFailsToRevokeThenDeletedAndRevokedOnARetry() {
		apple.nextPerson(new FakePerson(null, "Retried Rosa", null, "rosa.apple@example.com", null));
		TestBrowser browser = browser();
		signIn(browser);
		String refreshToken = apple.issuedRefreshTokens().get(apple.issuedRefreshTokens().size() - 1);
		apple.failNext(FakeApple.REVOKE, FakeServer.Fault.answer(FakeServer.Response.json(503, "{}")));
		TestBrowser.Page confirmation = browser.follow(browser.get("/account/delete"));
		assertThat(browser.pressAndFollow(confirmation, "Delete my account").message())
			.hasValueSatisfying((message) -> assertThat(message).contains("deleted"));
		assertThat(users(FakeApple.subjectFor("rosa.apple@example.com"))).isZero();
		assertThat(apple.revokedTokens()).doesNotContain(refreshToken);
		assertThat(this.jdbc.queryForObject("select count(*) from pending_revocations where provider = 'apple'",
				Integer.class)).isEqualTo(1);

		this.retries.retryDue();
		assertThat(apple.revokedTokens()).contains(refreshToken);
		assertThat(this.jdbc.queryForObject("select count(*) from pending_revocations", Integer.class)).isZero();
	}

	@Test
	void signInWhenCancelledAtAppleThenSaidSo() {
		apple.denyNext();
		assertThat(signIn(browser()).message()).contains("You cancelled signing in with Apple.");
	}

	@Test
	void signInWhenIdTokenNonceWrongThenRefused() {
		assertRefused(IdTokenAttack.WRONG_NONCE);
	}

	@Test
	void signInWhenIdTokenForAnotherAudienceThenRefused() {
		assertRefused(IdTokenAttack.WRONG_AUDIENCE);
	}

	@Test
	void signInWhenIdTokenExpiredThenRefused() {
		assertRefused(IdTokenAttack.EXPIRED);
	}

	@Test
	void signInWhenIdTokenSignedByForeignKeyThenRefused() {
		assertRefused(IdTokenAttack.UNKNOWN_KID);
	}

	@Test
	void signInWhenIdTokenSignatureBadThenRefused() {
		assertRefused(IdTokenAttack.BAD_SIGNATURE);
	}

	private void assertRefused(IdTokenAttack attack) {
		apple.nextPerson(new FakePerson(null, "Attacked " + attack, null, attack + "@example.com", null));
		apple.attackNextIdToken(attack);
		int users = allUsers();
		TestBrowser.Page page = signIn(browser());
		assertThat(page.message()).hasValueSatisfying((message) -> assertThat(message).contains(REJECTED));
		assertThat(page.greeting()).isEmpty();
		assertThat(allUsers()).isEqualTo(users);
	}

	private static String subjectOf(String email) {
		return FakeApple.subjectFor(email);
	}

}
