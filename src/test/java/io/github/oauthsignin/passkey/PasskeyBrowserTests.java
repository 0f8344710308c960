package io.github.oauthsignin.passkey;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.oauthsignin.support.BrowserTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys end to end in a real Chromium with its virtual authenticator (CTAP2, built in, resident keys, verifying
 * its user): added on the account page, used to sign in on the home page, a way in for the linking rules, removed,
 * and the refusals a person can meet. Each test signs in as a Facebook person no other browser test uses, so that
 * its passkeys, left in the shared database, change no other test's account.
 */
class PasskeyBrowserTests extends BrowserTestSupport {

	@Autowired
	private JdbcTemplate jdbc;

	private VirtualAuthenticator authenticator;

	@BeforeEach
	void addAuthenticator() {
		this.authenticator = ((HasVirtualAuthenticator) this.chromium.driver())
			.addVirtualAuthenticator(new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
				.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
				.setHasResidentKey(true)
				.setHasUserVerification(true)
				.setIsUserVerified(true)
				.setIsUserConsenting(true));
	}

	@AfterEach
	void removeAuthenticator() {
		((HasVirtualAuthenticator) this.chromium.driver()).removeVirtualAuthenticator(this.authenticator);
	}

	@Test
	void addSignOutSignInWithItThenDisconnectFacebookAndSignInWithThePasskeyAlone() {
		signInWithFacebookAs(1, "Grace Hopper");
		open("/account");
		assertThat(find(By.id("passkey-unsupported")).isDisplayed()).isFalse();
		assertThat(find(By.cssSelector(".passkey-none")).getText()).isEqualTo("You have no passkey yet.");
		press("Add a passkey");
		assertThat(message()).isEqualTo("Your passkey has been added. You can now sign in with it.");
		assertThat(all(By.cssSelector("li.passkey-item"))).hasSize(1);
		assertThat(find(By.cssSelector("li.passkey-item .passkey-label")).getText()).isEqualTo("Chrome on Linux");
		assertThat(find(By.cssSelector("li.passkey-item .method-id")).getText()).isEqualTo("Not used yet");
		this.chromium.screenshots("account-passkeys", By.cssSelector(".passkeys"));

		// The same authenticator twice: the browser refuses (the options exclude it), and nothing is added.
		press("Add a passkey");
		assertThat(message()).isEqualTo(
				"This device or password manager already holds a passkey for your account. Nothing was added.");
		assertThat(all(By.cssSelector("li.passkey-item"))).hasSize(1);

		press("Sign out");
		assertThat(button("Sign in with a passkey").isDisplayed()).isTrue();
		this.chromium.screenshots("home-passkey", By.cssSelector(".card"));
		press("Sign in with a passkey");
		assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hi, Grace Hopper!");
		open("/account");
		assertThat(find(By.cssSelector("tr.history-row td:nth-child(2)")).getText()).isEqualTo("Passkey");
		assertThat(find(By.cssSelector("li.passkey-item .method-id")).getText()).startsWith("Last used ");

		// With a passkey, the last provider can go; then the passkey is the only way in, and can't.
		press("Disconnect Facebook");
		assertThat(message()).startsWith("Facebook is no longer connected");
		assertThat(find(By.cssSelector("li.passkey-item .method-only")).getText()).isEqualTo("Your only way in");
		assertThat(all(By.xpath("//button[starts-with(normalize-space(.), 'Remove passkey')]"))).isEmpty();
		press("Sign out");
		press("Sign in with a passkey");
		assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hi, Grace Hopper!");
	}

	@Test
	void removeWhenAnotherWayInThenRemovedAtOnceAndItSignsNobodyIn() {
		signInWithFacebookAs(2, "Alan Turing (no email)");
		open("/account");
		press("Add a passkey");
		assertThat(message()).isEqualTo("Your passkey has been added. You can now sign in with it.");
		find(By.cssSelector("li.passkey-item input[name=label]")).clear();
		find(By.cssSelector("li.passkey-item input[name=label]")).sendKeys("Work laptop");
		press("Rename Chrome on Linux");
		assertThat(message()).isEqualTo("The passkey has been renamed.");
		press("Remove passkey Work laptop");
		assertThat(message()).startsWith("The passkey has been removed");
		assertThat(all(By.cssSelector("li.passkey-item"))).isEmpty();

		press("Sign out");
		press("Sign in with a passkey");
		assertThat(message()).startsWith("That passkey is not one of this site or has been removed");
		assertThat(all(By.cssSelector(".greeting"))).isEmpty();
	}

	@Test
	void signInWhenTheSignatureCounterWentBackThenRefusedAsACopy() {
		signInWithFacebookAs(4, "Edsger Dijkstra (unverified email)");
		open("/account");
		press("Add a passkey");
		assertThat(message()).isEqualTo("Your passkey has been added. You can now sign in with it.");
		press("Sign out");
		press("Sign in with a passkey");
		assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hi, Edsger Dijkstra (unverified email)!");
		press("Sign out");
		// As if another copy of this passkey had signed in many times since.
		this.jdbc.update("update user_credentials set signature_count = 1000 where label = 'Chrome on Linux' and "
				+ "user_entity_user_id = (select e.id from user_entities e join identities i on e.name = "
				+ "cast(i.user_id as varchar(20)) where i.provider = 'facebook' and i.provider_user_id = ?)",
				"10150000000000005");
		press("Sign in with a passkey");
		assertThat(message()).startsWith("That passkey looks like a copy of one used here before");
		assertThat(all(By.cssSelector(".greeting"))).isEmpty();
	}

	private void signInWithFacebookAs(int person, String name) {
		open("/");
		press("Sign in with Facebook");
		click(find(By.id("person-" + person)));
		press("Continue as " + name);
		assertThat(find(By.cssSelector(".greeting")).getText()).isEqualTo("Hi, " + name + "!");
	}

	private String message() {
		return find(By.cssSelector(".message")).getText();
	}

}
