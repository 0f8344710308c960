package io.github.oauthsignin.signin.oauth2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.oauth2.IdTokenAttack;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with {@code acme}, an OpenID Connect provider the code has never heard of, configured by five standard
 * properties alone (client id, secret and name, {@code scope=openid,profile,email}, {@code issuer-uri}), against the
 * strict fake over HTTP; and every forged ID token refused. Each attack test is named after its threat
 * (docs/SECURITY.md).
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenIdConnectSignInTests extends SignInFlowTestSupport {

	private static final String REJECTED = "The answer from Acme ID did not pass our checks, so nobody was signed in. "
			+ "Please try again.";

	private static final FakePerson ADA = new FakePerson("248289761001", "Ada Lovelace", "ada", "ada@example.com",
			"https://pictures.example/ada.png");

	@Test
	void signInWhenAcmeConfiguredByPropertiesOnlyThenSignedInWithNameVerifiedEmailAndPicture() {
		TestBrowser.Page page = signInAs(browser(), "Acme ID", acme, ADA);
		assertThat(page.greeting()).contains("Hi, Ada Lovelace!");
		assertThat(account("acme$248289761001"))
			.containsEntry("NICKNAME", "Ada Lovelace")
			.containsEntry("EMAIL", "ada@example.com")
			.containsEntry("PICTURE_URL", "https://pictures.example/ada.png");
		assertThat(acme.calls()).containsEntry(FakeOAuth2Provider.TOKEN, 1)
			.containsEntry(FakeOAuth2Provider.USER_INFO, 1);
		assertThat(acme.refusals()).isEmpty();
	}

	@Test
	void signInSendsStatePkceAndANonceForOpenIdConnect() {
		signInAs(browser(), "Acme ID", acme, ADA.withId("248289761002"));
		Map<String, String> request = acme.lastAuthorizationRequest();
		assertThat(request).containsEntry("code_challenge_method", "S256")
			.containsEntry("redirect_uri", appUri("/callback/acme"))
			.containsEntry("scope", "openid profile email")
			.containsKeys("state", "code_challenge", "nonce");
		assertThat(request.get("state")).hasSize(43);
		assertThat(request.get("nonce")).hasSize(43);
	}

	@Test
	void signInWhenEmailNotVerifiedThenSignedInWithoutEmail() {
		TestBrowser.Page page = signInAs(browser(), "Acme ID", acme,
				new FakePerson("248289761003", "Edsger", "edsger", "edsger@example.com", null, false));
		assertThat(page.greeting()).contains("Hi, Edsger!");
		assertThat(account("acme$248289761003").get("email")).isNull();
	}

	@Test
	void signInWhenReturningThenSameAccount() {
		signInAs(browser(), "Acme ID", acme, ADA.withId("248289761004"));
		signInAs(browser(), "Acme ID", acme, ADA.withId("248289761004"));
		assertThat(users("acme$248289761004")).isEqualTo(1);
	}

	@Test
	void signInWhenCancelledAtTheProviderThenToldAndNobodySignedIn() {
		acme.denyNext();
		TestBrowser.Page page = signIn(browser(), "Acme ID");
		assertThat(page.message()).contains("You cancelled signing in with Acme ID.");
		assertThat(page.greeting()).isEmpty();
	}

	// RFC 9207: Acme's discovery document advertises authorization_response_iss_parameter_supported, and every
	// redirect back carries its issuer as iss. A callback with another iss, or none, is a mix-up or a forgery.

	@Test
	void mixUpWhenProviderAdvertisesIssThenItsIssuerIsSentAndAccepted() {
		TestBrowser browser = browser();
		String callback = callbackFor(browser, "Acme ID");
		assertThat(acme.issuer()).isNotBlank();
		assertThat(UriComponentsBuilder.fromUriString(callback).build().getQueryParams().getFirst("iss"))
			.isEqualTo(UriUtils.encode(acme.issuer(), StandardCharsets.UTF_8));
		assertThat(browser.follow(browser.get(callback)).greeting()).isPresent();
	}

	@Test
	void mixUpWhenCallbackIssIsAnotherIssuerThenRefusedBeforeTheCodeIsExchanged(CapturedOutput output) {
		acme.nextCallbackIssuer("https://attacker.example");
		assertMixUpRefused(output, "'https://attacker.example' is not this provider's issuer");
	}

	@Test
	void mixUpWhenCallbackCarriesNoIssThoughAdvertisedThenRefusedBeforeTheCodeIsExchanged(CapturedOutput output) {
		acme.nextCallbackIssuer(null);
		assertMixUpRefused(output, "carries no iss");
	}

	private void assertMixUpRefused(CapturedOutput output, String logged) {
		acme.nextPerson(ADA.withId("248289761090"));
		int before = allUsers();
		TestBrowser.Page page = signIn(browser(), "Acme ID");
		assertThat(page.message()).contains("That sign-in link has expired or was not started here.");
		assertThat(page.greeting()).isEmpty();
		assertThat(acme.calls(FakeOAuth2Provider.TOKEN)).as("the code never exchanged").isZero();
		assertThat(allUsers()).isEqualTo(before);
		assertThat(output).contains("Sign-in with acme refused: ").contains(logged).contains("RFC 9207");
	}

	// ID token attacks: each one ends home with a message, signs nobody in, stores nothing, and logs one line
	// without a token.

	@Test
	void forgedIdTokenWhenSignatureBadThenRefused(CapturedOutput output) {
		assertRefused(IdTokenAttack.BAD_SIGNATURE, output, "invalid_id_token", "signature");
	}

	@Test
	void forgedIdTokenWhenAlgNoneThenRefused(CapturedOutput output) {
		assertRefused(IdTokenAttack.ALG_NONE, output, "invalid_id_token", "signed with none, not among");
	}

	@Test
	void forgedIdTokenWhenKidUnknownThenRefused(CapturedOutput output) {
		assertRefused(IdTokenAttack.UNKNOWN_KID, output, "invalid_id_token", "key");
	}

	@Test
	void forgedIdTokenWhenIssuerWrongThenRefused(CapturedOutput output) {
		assertRefused(IdTokenAttack.WRONG_ISSUER, output, "invalid_id_token", "iss");
	}

	@Test
	void forgedIdTokenWhenAudienceWrongThenRefused(CapturedOutput output) {
		assertRefused(IdTokenAttack.WRONG_AUDIENCE, output, "invalid_id_token", "aud");
	}

	@Test
	void forgedIdTokenWhenSeveralAudiencesWithoutAzpThenRefused(CapturedOutput output) {
		assertRefused(IdTokenAttack.EXTRA_AUDIENCE_WITHOUT_AZP, output, "invalid_id_token", "azp");
	}

	@Test
	void forgedIdTokenWhenAzpIsAnotherClientThenRefused(CapturedOutput output) {
		assertRefused(IdTokenAttack.WRONG_AZP, output, "invalid_id_token", "azp");
	}

	@Test
	void replayedIdTokenWhenExpiredThenRefused(CapturedOutput output) {
		assertRefused(IdTokenAttack.EXPIRED, output, "invalid_id_token", "exp");
	}

	@Test
	void forgedIdTokenWhenIssuedInTheFutureThenRefused(CapturedOutput output) {
		assertRefused(IdTokenAttack.ISSUED_IN_FUTURE, output, "invalid_id_token", "iat");
	}

	@Test
	void replayedIdTokenWhenNonceMissingThenRefused(CapturedOutput output) {
		assertRefused(IdTokenAttack.MISSING_NONCE, output, "invalid_nonce", "");
	}

	@Test
	void replayedIdTokenWhenNonceWrongThenRefused(CapturedOutput output) {
		assertRefused(IdTokenAttack.WRONG_NONCE, output, "invalid_nonce", "");
	}

	@Test
	void algorithmConfusionWhenIdTokenSignedWithClientSecretThenRefused(CapturedOutput output) {
		assertRefused(IdTokenAttack.HS256_WITH_CLIENT_SECRET, output, "invalid_id_token",
				"signed with HS256, not among those accepted from this issuer: RS256");
	}

	@Test
	void forgedIdTokenWhenAlgorithmNotListedByDiscoveryThenRefusedThoughItsKeyIsPublished(CapturedOutput output) {
		assertRefused(IdTokenAttack.ALGORITHM_NOT_LISTED, output, "invalid_id_token",
				"signed with ES256 (kid ");
		assertThat(output.getOut()).contains("not among those accepted from this issuer: RS256 (discovery lists RS256)");
	}

	@Test
	void substitutedUserInfoWhenSubjectDiffersFromIdTokenThenRefused(CapturedOutput output) {
		acme.nextUserInfoSubject("someone-else");
		assertRefusedAfterAttack(output, "attacked-by-userinfo", "invalid_user_info_response", "");
	}

	@Test
	void signInAfterRefusalThenNextAttemptWorks() {
		acme.attackNextIdToken(IdTokenAttack.BAD_SIGNATURE);
		signIn(browser(), "Acme ID");
		assertThat(signInAs(browser(), "Acme ID", acme, ADA.withId("248289761005")).greeting())
			.contains("Hi, Ada Lovelace!");
	}

	private void assertRefused(IdTokenAttack attack, CapturedOutput output, String errorCode, String detail) {
		acme.attackNextIdToken(attack);
		assertRefusedAfterAttack(output, "attacked-" + attack.name().toLowerCase(Locale.ROOT), errorCode, detail);
	}

	/** @param subject who the refused ID token speaks of, a person of this test alone */
	private void assertRefusedAfterAttack(CapturedOutput output, String subject, String errorCode, String detail) {
		int usersBefore = allUsers();
		acme.nextPerson(new FakePerson(subject, "Mallory", "mallory", "mallory@example.com", null));
		TestBrowser browser = browser();
		TestBrowser.Page page = signIn(browser, "Acme ID");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/");
		assertThat(page.message()).contains(REJECTED);
		assertThat(page.greeting()).isEmpty();
		assertThat(browser.open("/account").uri().getPath()).isEqualTo("/");
		assertThat(allUsers()).isEqualTo(usersBefore);
		assertThat(users("acme$" + subject)).isZero();
		List<String> lines = output.getOut()
			.lines()
			.filter((line) -> line.contains("Sign-in with acme rejected"))
			.toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains(errorCode).containsIgnoringCase(detail);
		List<String> tokens = new ArrayList<>(acme.issuedIdTokens());
		tokens.addAll(acme.issuedAccessTokens());
		String logs = output.getOut() + output.getErr();
		for (String token : tokens) {
			assertThat(logs).doesNotContain(token);
			assertThat(page.html()).doesNotContain(token);
		}
	}

}
