package io.github.oauthsignin.providers.facebook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Facebook's data-deletion and deauthorize callbacks through the real filter chain, posted the way Facebook posts
 * them: server to server, no cookies, no CSRF token, a {@code signed_request} signed with the app secret. People
 * here have ids 4101 to 4149, so that nothing another test class does can change what these count.
 */
class FacebookCallbacksTests extends SignInFlowTestSupport {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void dataDeletionWhenSignedByFacebookThenAccountSessionsAndTokensGone() {
		FakePerson dora = new FakePerson("4101", "Deletable Dora", "dora", "dora.deletable@example.com",
				"https://pictures.example/dora.jpg");
		TestBrowser laptop = browser();
		TestBrowser phone = browser();
		signInAs(laptop, dora, false);
		signInAs(phone, dora, true);
		long id = userId("facebook$4101");
		assertThat(sessionsOf(id)).isEqualTo(2);
		assertThat(tokensOf(id)).isEqualTo(1);
		assertThat(signInsOf(id, "facebook")).isEqualTo(2);
		int requests = deletionRequests();

		HttpResponse<String> response = post("/facebook/data-deletion",
				SignedRequests.sign(FACEBOOK_APP_SECRET, SignedRequests.issuedNow("{\"user_id\":\"4101\",\"algorithm\":\"HMAC-SHA256\","
						+ "\"expires\":1764228260}"), false));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.headers().allValues("Set-Cookie")).as("no session for Facebook's server").isEmpty();
		JsonNode answer = json.readTree(response.body());
		String code = answer.path("confirmation_code").asString();
		// At least 128 random bits, URL-safe.
		assertThat(code).matches("[A-Za-z0-9_-]{22,64}");
		assertThat(answer.path("url").asString()).isEqualTo(appUri("/facebook/data-deletion/" + code));

		assertThat(users("facebook$4101")).isZero();
		assertThat(signInsOf(id, "facebook")).as("the account's history, with the account").isZero();
		assertThat(sessionsOf(id)).isZero();
		assertThat(tokensOf(id)).isZero();
		assertThat(deletionRequests()).isEqualTo(requests + 1);
		assertThat(this.jdbc.queryForList("select * from data_deletion_requests where confirmation_code = ?", code)
			.get(0)).as("nothing about the person is kept with the code")
			.containsOnlyKeys("CONFIRMATION_CODE", "REQUESTED_AT", "COMPLETED_AT");
		TestBrowser.Page laptopAccount = laptop.open("/account");
		assertThat(laptopAccount.uri().getPath()).isEqualTo("/");
		assertThat(laptopAccount.greeting()).isEmpty();
		phone.restart();
		assertThat(phone.open("/").greeting()).isEmpty();

		TestBrowser stranger = browser();
		HttpResponse<String> status = stranger.get(answer.path("url").asString());
		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(status.headers().allValues("Set-Cookie")).isEmpty();
		TestBrowser.Page page = stranger.follow(status);
		assertThat(page.document().select("h1").text()).isEqualTo("Your data has been deleted");
		assertThat(page.text(".deletion-code")).contains(code);
		assertThat(page.html()).doesNotContain("4101")
			.doesNotContain("Deletable Dora")
			.doesNotContain("dora.deletable@example.com")
			.doesNotContain("pictures.example");
	}

	@Test
	void dataDeletionWhenPaddedAndUserIdANumberThenDeleted() {
		signInAs(browser(), person("4102", "Padded Pat", null), false);
		HttpResponse<String> response = post("/facebook/data-deletion", SignedRequests
			.sign(FACEBOOK_APP_SECRET, SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":4102}"), true));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(users("facebook$4102")).isZero();
	}

	@Test
	void dataDeletionWhenPersonUnknownThenConfirmedAndNothingElseDeleted() {
		TestBrowser bystander = browser();
		signInAs(bystander, person("4103", "Bystander Bea", null), false);
		long bystanderId = userId("facebook$4103");
		int sessions = sessionsOf(bystanderId);
		int before = allUsers();

		HttpResponse<String> response = post("/facebook/data-deletion",
				SignedRequests.sign(FACEBOOK_APP_SECRET,
						SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4149000000000\"}"), false));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode answer = json.readTree(response.body());
		assertThat(browser().get(answer.path("url").asString()).statusCode()).isEqualTo(200);
		assertThat(allUsers()).isEqualTo(before);
		assertThat(users("facebook$4103")).isEqualTo(1);
		assertThat(sessionsOf(bystanderId)).isEqualTo(sessions);
		assertThat(bystander.open("/").greeting()).contains("Hi, Bystander Bea!");
	}

	@ParameterizedTest
	@MethodSource("forgedRequests")
	void dataDeletionWhenForgedOrMalformedThenRefusedAndNothingDeleted(Map<String, String> form) {
		TestBrowser target = browser();
		signInAs(target, person("4104", "Targeted Tess", null), true);
		long id = userId("facebook$4104");
		int sessions = sessionsOf(id);
		int users = allUsers();
		int requests = deletionRequests();

		HttpResponse<String> response = browser().post("/facebook/data-deletion", form);

		assertRefused(response);
		assertThat(users("facebook$4104")).isEqualTo(1);
		assertThat(allUsers()).isEqualTo(users);
		assertThat(sessionsOf(id)).isEqualTo(sessions);
		assertThat(tokensOf(id)).isPositive();
		assertThat(deletionRequests()).isEqualTo(requests);
		assertThat(target.open("/").greeting()).contains("Hi, Targeted Tess!");
	}

	@ParameterizedTest
	@MethodSource("forgedRequests")
	void deauthorizeWhenForgedOrMalformedThenRefusedAndNobodySignedOut(Map<String, String> form) {
		TestBrowser target = browser();
		signInAs(target, person("4104", "Targeted Tess", null), false);
		long id = userId("facebook$4104");
		int sessions = sessionsOf(id);

		assertRefused(browser().post("/facebook/deauthorize", form));
		assertThat(sessionsOf(id)).isEqualTo(sessions);
		assertThat(target.open("/").greeting()).contains("Hi, Targeted Tess!");
	}

	static Stream<Arguments> forgedRequests() {
		String aboutSomeoneElse = SignedRequests.sign(FACEBOOK_APP_SECRET,
				SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4148\"}"), false);
		String tamperedPayload = aboutSomeoneElse.substring(0, aboutSomeoneElse.indexOf('.') + 1)
				+ SignedRequests.encode(SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4104\"}"), false);
		String genuine = SignedRequests.sign(FACEBOOK_APP_SECRET,
				SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4104\"}"), false);
		String tamperedSignature = ((genuine.charAt(0) == 'A') ? "B" : "A") + genuine.substring(1);
		return Stream.of(
				form("tampered payload", tamperedPayload),
				form("tampered signature", tamperedSignature),
				form("signed with another secret", SignedRequests.sign("not-the-app-secret",
						SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4104\"}"), false)),
				form("another algorithm", SignedRequests.sign(FACEBOOK_APP_SECRET,
						SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA1\",\"user_id\":\"4104\"}"), false)),
				form("no user id", SignedRequests.sign(FACEBOOK_APP_SECRET,
						SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\"}"), false)),
				form("signature only", genuine.substring(0, genuine.indexOf('.'))),
				form("missing dot", genuine.replace(".", "")),
				form("invalid base64", "!!!!" + genuine.substring(4)),
				form("garbage", "garbage"),
				form("empty field", ""),
				Arguments.of(Named.of("no field", Map.of())),
				Arguments.of(Named.of("another field name", Map.of("signedRequest", genuine))));
	}

	@Test
	void deauthorizeWhenSignedByFacebookThenSignedOutEverywhereButAccountKept() {
		FakePerson leaver = person("4105", "Leaving Leo", "leo@example.com");
		TestBrowser laptop = browser();
		TestBrowser phone = browser();
		signInAs(laptop, leaver, false);
		signInAs(phone, leaver, true);
		long id = userId("facebook$4105");
		assertThat(sessionsOf(id)).isEqualTo(2);

		HttpResponse<String> response = post("/facebook/deauthorize", SignedRequests
			.sign(FACEBOOK_APP_SECRET, SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4105\"}"), false));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(json.readTree(response.body()).isObject()).isTrue();
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(users("facebook$4105")).isEqualTo(1);
		assertThat(sessionsOf(id)).isZero();
		assertThat(tokensOf(id)).isZero();
		assertThat(laptop.open("/account").uri().getPath()).isEqualTo("/");
		phone.restart();
		assertThat(phone.open("/").greeting()).isEmpty();

		signInAs(laptop, leaver, false);
		assertThat(userId("facebook$4105")).as("the same account").isEqualTo(id);
	}

	@Test
	void dataDeletionWhenAccountHasOtherProvidersThenOnlyTheFacebookIdentityGoesAndTheAccountStays() {
		TestBrowser browser = browser();
		signInAs(browser, person("4106", "Linked Lou", "lou@facebook.example"), false);
		long id = userId("facebook$4106");
		github.nextPerson(new FakePerson("5804106", "Lou on GitHub", "lou-gh", "lou@github.example",
				"https://avatars.example/lou.png"));
		browser.pressAndFollow(browser.open("/account"), "Connect GitHub");
		signInAs(browser(), person("4106", "Linked Lou", "lou@facebook.example"), false);
		assertThat(signInsOf(id, "facebook")).isEqualTo(2);

		HttpResponse<String> response = post("/facebook/data-deletion", SignedRequests
			.sign(FACEBOOK_APP_SECRET, SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4106\"}"), false));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(users("facebook$4106")).as("the Facebook identity").isZero();
		assertThat(signInsOf(id, "facebook")).as("the sign-ins with Facebook, from the history").isZero();
		assertThat(userId("github$5804106")).as("the account, through GitHub").isEqualTo(id);
		assertThat(this.jdbc.queryForMap("select nickname, email, picture_url from users where id = ?", id))
			.as("showing what GitHub gave, nothing of Facebook's")
			.containsEntry("NICKNAME", "Lou on GitHub")
			.containsEntry("EMAIL", "lou@github.example")
			.containsEntry("PICTURE_URL", "https://avatars.example/lou.png");
		assertThat(sessionsOf(id)).as("sessions held Facebook's name: signed out everywhere").isZero();
		TestBrowser again = browser();
		TestBrowser.Page home = signInAs(again, "GitHub", github,
				new FakePerson("5804106", "Lou on GitHub", "lou-gh", "lou@github.example", null));
		assertThat(home.greeting()).contains("Hi, Lou on GitHub!");
		assertThat(userId("github$5804106")).isEqualTo(id);
		assertThat(signInsOf(id, "github")).isEqualTo(1);
		TestBrowser.Page account = again.open("/account");
		assertThat(account.document().select("li.method[data-provider=facebook] button").text())
			.isEqualTo("Connect Facebook");
	}

	@Test
	void dataDeletionWhenIssuedMoreThanAnHourAgoThenRefusedAndNothingDeleted() {
		signInAs(browser(), person("4107", "Stale Stan", null), false);
		int requests = deletionRequests();
		assertRefused(post("/facebook/data-deletion", SignedRequests.sign(FACEBOOK_APP_SECRET, SignedRequests.issuedAt(
				"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4107\"}", Instant.now().minus(Duration.ofMinutes(61))),
				false)));
		assertRefused(post("/facebook/data-deletion", SignedRequests.sign(FACEBOOK_APP_SECRET, SignedRequests.issuedAt(
				"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4107\"}", Instant.parse("2001-09-09T01:46:40Z")),
				false)));
		assertThat(users("facebook$4107")).isOne();
		assertThat(deletionRequests()).isEqualTo(requests);
	}

	@Test
	void deauthorizeWhenIssuedInTheFutureThenRefusedAndNobodySignedOut() {
		TestBrowser browser = browser();
		signInAs(browser, person("4108", "Future Fay", null), false);
		assertRefused(post("/facebook/deauthorize", SignedRequests.sign(FACEBOOK_APP_SECRET, SignedRequests.issuedAt(
				"{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4108\"}", Instant.now().plus(Duration.ofMinutes(5))),
				false)));
		assertThat(browser.open("/").greeting()).contains("Hi, Future Fay!");
	}

	@Test
	void dataDeletionWhenReplayedThenRefusedAndTheNewAccountStays() {
		FakePerson ray = person("4109", "Replayed Ray", null);
		signInAs(browser(), ray, false);
		String request = SignedRequests.sign(FACEBOOK_APP_SECRET,
				SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4109\"}"), false);
		assertThat(post("/facebook/data-deletion", request).statusCode()).isEqualTo(200);
		assertThat(users("facebook$4109")).isZero();
		TestBrowser comeback = browser();
		signInAs(comeback, ray, false);
		int requests = deletionRequests();

		assertRefused(post("/facebook/data-deletion", request));
		String paddedSignature = request.substring(0, request.indexOf('.')) + "="
				+ request.substring(request.indexOf('.'));
		assertRefused(post("/facebook/data-deletion", paddedSignature));

		assertThat(users("facebook$4109")).as("the account made after the deletion").isOne();
		assertThat(deletionRequests()).isEqualTo(requests);
		assertThat(comeback.open("/").greeting()).contains("Hi, Replayed Ray!");
	}

	@Test
	void deauthorizeWhenReplayedThenRefusedAndNobodySignedOutAgain() {
		FakePerson rita = person("4110", "Replayed Rita", null);
		String request = SignedRequests.sign(FACEBOOK_APP_SECRET,
				SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4110\"}"), false);
		TestBrowser browser = browser();
		signInAs(browser, rita, false);
		assertThat(post("/facebook/deauthorize", request).statusCode()).isEqualTo(200);
		assertThat(browser.open("/").greeting()).isEmpty();
		signInAs(browser, rita, false);

		assertRefused(post("/facebook/deauthorize", request));

		assertThat(browser.open("/").greeting()).contains("Hi, Replayed Rita!");
	}

	@Test
	void deauthorizeWhenPersonUnknownThenOk() {
		HttpResponse<String> response = post("/facebook/deauthorize", SignedRequests
			.sign(FACEBOOK_APP_SECRET, SignedRequests.issuedNow("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"4149000000001\"}"), false));
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void dataDeletionStatusWhenCodeUnknownThenNotFound() throws Exception {
		// As a browser asks for it (the test browser sends no Accept header, and gets Boot's JSON error).
		HttpResponse<String> unknown = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(appUri("/facebook/data-deletion/" + "A".repeat(43))))
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(Jsoup.parse(unknown.body()).select("h1").text()).isEqualTo("Page not found");
		TestBrowser browser = browser();
		assertThat(browser.open("/facebook/data-deletion/not-a-code").status()).isEqualTo(404);
		assertThat(browser.open("/facebook/data-deletion/%27%20or%201=1--").status()).isEqualTo(404);
	}

	@Test
	void dataDeletionWhenGetThenNotAllowedAndNothingHappens() {
		TestBrowser.Page page = browser().open("/facebook/data-deletion?signed_request=x.y");
		assertThat(page.status()).isEqualTo(405);
	}

	@Test
	void crossSiteExemptionCoversExactlyTheTwoCallbacks() {
		// Facebook's two callbacks reach their controller whoever sends them (the signature decides)...
		for (String path : new String[] { "/facebook/data-deletion", "/facebook/deauthorize" }) {
			assertRefused(browser().postFrom("https://www.facebook.com", path, Map.of("signed_request", "x.y")));
		}
		// ...and any other post from another site is refused before it reaches a controller.
		for (String path : new String[] { "/facebook/data-deletion/" + "A".repeat(43), "/facebook/deauthorize/x",
				"/facebook/data-deletion-other", "/facebook" }) {
			TestBrowser browser = browser();
			HttpResponse<String> response = browser.postFrom("https://www.facebook.com", path,
					Map.of("signed_request", "x.y"));
			assertThat(response.statusCode()).as(path).isEqualTo(302);
			assertThat(browser.follow(response).message()).as(path)
				.contains("That request came from another website, so nothing was done. To sign in or out, use the "
						+ "buttons on this page.");
		}
	}

	/** Posts as Facebook's server does: a fresh client, no cookies, no CSRF token, no browser's headers. */
	private HttpResponse<String> post(String path, String signedRequest) {
		return browser().postWithoutBrowserHeaders(path, Map.of("signed_request", signedRequest));
	}

	private static void assertRefused(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(json.readTree(response.body()).path("error").asString()).isEqualTo("invalid signed_request");
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
	}

	private static Arguments form(String name, String signedRequest) {
		return Arguments.of(Named.of(name, Map.of("signed_request", signedRequest)));
	}

	private int deletionRequests() {
		return this.jdbc.queryForObject("select count(*) from data_deletion_requests", Integer.class);
	}

}
