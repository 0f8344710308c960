package io.github.oauthsignin.providers.apple;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.oauth2.FakeApple;
import io.github.oauthsignin.fake.oauth2.IdTokenAttack;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apple's server-to-server notifications at {@code POST /apple/notifications}: each type does what it says, once; a
 * forged or foreign one changes nothing and gets a 400.
 */
class AppleNotificationsTests extends AppleSignInTestSupport {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void accountDeleteThenIdentityAndItsOnlyAccountGone() {
		String subject = signedIn("Deleting Dora", "dora.apple@example.com", browser());
		assertThat(notify(apple.notification("account-delete", subject, CLIENT_ID, null)).statusCode())
			.isEqualTo(200);
		assertThat(users(subject)).isZero();
	}

	@Test
	void consentRevokedThenSignedOutEverywhereAccountKept() {
		TestBrowser browser = browser();
		String subject = signedIn("Revoking Rita", "rita.apple@example.com", browser);
		assertThat(notify(apple.notification("consent-revoked", subject, CLIENT_ID, null)).statusCode())
			.isEqualTo(200);
		assertThat(browser.open("/").greeting()).isEmpty();
		assertThat(users(subject)).isEqualTo(1);
	}

	@Test
	void emailDisabledAndEnabledThenRecordedOnceEach() {
		String subject = FakeApple.subjectFor("mail.apple@example.com");
		String disabled = apple.notification("email-disabled", subject, CLIENT_ID, null);
		assertThat(notify(disabled).statusCode()).isEqualTo(200);
		assertThat(notify(disabled).statusCode()).as("a replay is answered, and changes nothing").isEqualTo(200);
		assertThat(notify(apple.notification("email-enabled", subject, CLIENT_ID, null)).statusCode()).isEqualTo(200);
		assertThat(this.jdbc.queryForList("select notification_type from provider_notifications where provider = "
				+ "'apple' and provider_user_id = ? order by received_at", String.class, subject))
			.containsExactly("email-disabled", "email-enabled");
	}

	@Test
	void notificationWhenForPrimaryAppIdThenAcceptedAsConfigured() {
		String subject = signedIn("Grouped Gus", "gus.apple@example.com", browser());
		assertThat(notify(apple.notification("account-delete", subject, APP_ID, null)).statusCode()).isEqualTo(200);
		assertThat(users(subject)).isZero();
	}

	@Test
	void notificationWhenForgedOrForeignThenRefusedAndNothingChanges() {
		String subject = signedIn("Safe Sam", "sam.apple@example.com", browser());
		for (IdTokenAttack attack : new IdTokenAttack[] { IdTokenAttack.BAD_SIGNATURE, IdTokenAttack.UNKNOWN_KID,
				IdTokenAttack.ALG_NONE, IdTokenAttack.WRONG_ISSUER, IdTokenAttack.EXPIRED,
				IdTokenAttack.HS256_WITH_CLIENT_SECRET }) {
			assertThat(notify(apple.notification("account-delete", subject, CLIENT_ID, attack)).statusCode())
				.as(attack.name())
				.isEqualTo(400);
		}
		assertThat(notify(apple.notification("account-delete", subject, "com.example.other", null)).statusCode())
			.as("another app's")
			.isEqualTo(400);
		assertThat(post("{\"payload\":\"not.a.jwt\"}").statusCode()).isEqualTo(400);
		assertThat(post("payload=x").statusCode()).isEqualTo(400);
		assertThat(post("{\"payload\":\"" + "a".repeat(20_000) + "\"}").statusCode()).isEqualTo(400);
		assertThat(users(subject)).isEqualTo(1);
	}

	private String signedIn(String name, String email, TestBrowser browser) {
		apple.nextPerson(new FakePerson(null, name, null, email, null));
		assertThat(signIn(browser).greeting()).contains("Hi, " + name + "!");
		return FakeApple.subjectFor(email);
	}

	private HttpResponse<String> notify(String payload) {
		return post("{\"payload\":\"" + payload + "\"}");
	}

	private HttpResponse<String> post(String body) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create(appUri("/apple/notifications")))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
