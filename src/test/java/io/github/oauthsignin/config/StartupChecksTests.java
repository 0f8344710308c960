package io.github.oauthsignin.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.support.FailedStart;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider configured by half, or a malformed endpoint, stops start-up with one line naming the setting (the failure
 * analysis an operator reads; not printed here, see {@link FailedStart}).
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupChecksTests {

	@Test
	void startWhenFacebookIdWithoutSecretThenStopsNamingTheSecret(CapturedOutput output) {
		assertStartupRefused(output, "FACEBOOK_CLIENT_SECRET is not set",
				"--spring.security.oauth2.client.registration.facebook.client-id=only-an-id");
	}

	@Test
	void startWhenTwitterKeyWithoutSecretThenStopsNamingTheSecret(CapturedOutput output) {
		assertStartupRefused(output, "TWITTER_CONSUMER_SECRET is not set", "--signin.twitter.consumer-key=only-a-key");
	}

	@Test
	void startWhenTwitterEndpointMalformedThenStopsNamingIt(CapturedOutput output) {
		assertStartupRefused(output, "signin.twitter.request-token-uri is not an absolute http(s) URL",
				"--signin.twitter.consumer-key=key", "--signin.twitter.consumer-secret=secret",
				"--signin.twitter.request-token-uri=api.x.com/oauth/request_token");
	}

	@Test
	void startWhenFacebookEndpointMalformedThenStopsNamingIt(CapturedOutput output) {
		assertStartupRefused(output,
				"spring.security.oauth2.client.provider.facebook.token-uri is not an absolute http(s) URL",
				"--spring.security.oauth2.client.registration.facebook.client-id=id",
				"--spring.security.oauth2.client.registration.facebook.client-secret=secret",
				"--spring.security.oauth2.client.provider.facebook.token-uri=ftp://graph.facebook.com/token");
	}

	@Test
	void startWhenTokensKeptWithoutKeyThenStopsNamingTheKeyVariable(CapturedOutput output) {
		assertStartupRefused(output, "SIGNIN_TOKENS_KEY is not set, and signin.providers.github.keep-tokens asks to "
				+ "keep tokens", "--signin.providers.github.keep-tokens=true");
	}

	@Test
	void startWhenTokenKeyIsNotThirtyTwoBytesThenStopsNamingTheKeyVariable(CapturedOutput output) {
		assertStartupRefused(output, "SIGNIN_TOKENS_KEY holds 16 bytes, not 32",
				"--signin.providers.github.keep-tokens=true", "--signin.tokens.key=AAAAAAAAAAAAAAAAAAAAAA==");
	}

	@Test
	void startWhenSomeAppleVariablesSetThenStopsNamingTheMissingOnes(CapturedOutput output) {
		assertStartupRefused(output, "APPLE_KEY_ID, APPLE_PRIVATE_KEY are not set, but APPLE_CLIENT_ID, APPLE_TEAM_ID "
				+ "are", "--APPLE_CLIENT_ID=com.example.web", "--APPLE_TEAM_ID=TEAM123456");
	}

	@Test
	void startWhenApplePrivateKeyIsNoP256KeyThenStopsNamingIt(CapturedOutput output) {
		assertStartupRefused(output, "APPLE_PRIVATE_KEY is not an EC P-256 private key in PEM",
				"--APPLE_CLIENT_ID=com.example.web", "--APPLE_TEAM_ID=TEAM123456", "--APPLE_KEY_ID=KEY1234567",
				"--APPLE_PRIVATE_KEY=-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----");
	}

	@Test
	void startWhenPasskeyRpIdIsNotASuffixOfThePublicHostThenStopsNamingIt(CapturedOutput output) {
		assertStartupRefused(output, "signin.passkeys.rp-id must be the host of signin.public-url (signin.example.com)",
				"--signin.public-url=https://signin.example.com", "--signin.passkeys.rp-id=ample.com");
	}

	@Test
	void startWhenPasskeyRpIdWithoutPublicUrlThenStopsNamingIt(CapturedOutput output) {
		assertStartupRefused(output, "signin.passkeys.rp-id needs signin.public-url",
				"--signin.passkeys.rp-id=example.com");
	}

	@Test
	void startWhenPasskeyRpIdIsADomainThePublicHostBelongsToThenStarts() {
		try (var context = new SpringApplicationBuilder(SignInApplication.class).run("--server.port=0",
				"--signin.public-url=https://signin.example.com", "--signin.passkeys.rp-id=example.com")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void startWhenNoProviderConfiguredThenStarts() {
		try (var context = new SpringApplicationBuilder(SignInApplication.class).run("--server.port=0")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	/**
	 * The start is refused, and the failure analysis, which the operator's banner would show (silenced here: see
	 * {@link FailedStart}), names the setting in its first words, with one way to fix it.
	 */
	private static void assertStartupRefused(CapturedOutput output, String expectedLine, String... arguments) {
		String[] all = new String[arguments.length + 1];
		all[0] = "--server.port=0";
		System.arraycopy(arguments, 0, all, 1, arguments.length);
		FailedStart start = FailedStart.of(all);
		assertThat(start.analysis()).as("the failure analysis").isNotNull();
		assertThat(start.analysis().getDescription()).startsWith(expectedLine.substring(0, expectedLine.indexOf(' ')))
			.contains(expectedLine);
		assertThat(start.analysis().getAction()).startsWith("Fix the setting ");
		assertThat(output.getOut() + output.getErr()).doesNotContain("APPLICATION FAILED TO START");
	}

}
