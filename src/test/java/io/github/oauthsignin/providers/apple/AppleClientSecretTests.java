package io.github.oauthsignin.providers.apple;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.fake.oauth2.AppleClientSecretCheck;
import io.github.oauthsignin.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Apple's client secret as the Apple stand-in checks it ({@link AppleClientSecretCheck}, written with
 * {@code java.security} alone): good when fresh, refused when tampered with, expired or signed in DER, and renewed
 * before it expires.
 */
class AppleClientSecretTests {

	private static final String TEAM = "TEAMID1234";

	private static final String KEY = "KEYID56789";

	private static final String CLIENT = "com.example.signin.web";

	private final KeyPair keys = newKeys();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T18:00:00Z"));

	private final AppleClientSecret secret = new AppleClientSecret(TEAM, KEY, CLIENT, (ECPrivateKey) this.keys.getPrivate(),
			this.clock);

	private final AppleClientSecretCheck apple = new AppleClientSecretCheck(TEAM, KEY, CLIENT,
			(ECPublicKey) this.keys.getPublic());

	@Test
	void currentWhenFreshThenAppleAcceptsIt() {
		assertThat(this.apple.problem(this.secret.current(), this.clock.instant())).isNull();
	}

	@Test
	void currentWhenAskedAgainThenSameSecretUntilShortlyBeforeItExpires() {
		String first = this.secret.current();
		this.clock.advance(AppleClientSecret.LIFETIME.minus(AppleClientSecret.RENEW_BEFORE).minusMinutes(1));
		assertThat(this.secret.current()).isEqualTo(first);
		this.clock.advance(Duration.ofMinutes(2));
		String renewed = this.secret.current();
		assertThat(renewed).isNotEqualTo(first);
		this.clock.advance(AppleClientSecret.RENEW_BEFORE);
		assertThat(this.apple.problem(first, this.clock.instant())).isEqualTo("client_secret expired");
		assertThat(this.apple.problem(renewed, this.clock.instant())).isNull();
	}

	@Test
	void currentWhenTamperedWithThenAppleRefusesIt() {
		String[] parts = this.secret.current().split("\\.");
		String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace(TEAM, "OTHERTEAM1");
		String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
			.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
		assertThat(this.apple.problem(tampered, this.clock.instant())).contains("signature does not verify");
	}

	@Test
	void currentWhenSignedByAnotherKeyThenAppleRefusesIt() {
		AppleClientSecret other = new AppleClientSecret(TEAM, KEY, CLIENT, (ECPrivateKey) newKeys().getPrivate(),
				this.clock);
		assertThat(this.apple.problem(other.current(), this.clock.instant())).contains("signature does not verify");
	}

	@Test
	void signatureWhenDerAsJavaSecurityWritesItThenAppleRefusesIt() throws Exception {
		String[] parts = this.secret.current().split("\\.");
		Signature der = Signature.getInstance("SHA256withECDSA");
		der.initSign(this.keys.getPrivate());
		der.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		String derSigned = parts[0] + "." + parts[1] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(der.sign());
		assertThat(this.apple.problem(derSigned, this.clock.instant())).contains("signature does not verify");
		assertThat(Base64.getUrlDecoder().decode(parts[2])).as("JOSE form: R and S, 32 bytes each").hasSize(64);
	}

	@Test
	void privateKeyWhenPemOfP8ThenRead() {
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(this.keys.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		assertThat(AppleClientSecret.privateKey(pem)).isEqualTo(this.keys.getPrivate());
		assertThat(AppleClientSecret.privateKey(pem.replace("\n", "\\n"))).as("newlines written as \\n")
			.isEqualTo(this.keys.getPrivate());
	}

	@Test
	void privateKeyWhenRsaThenRefusedNamingTheVariable() throws Exception {
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(2048);
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> AppleClientSecret.privateKey(pem))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("APPLE_PRIVATE_KEY"));
	}

	private static KeyPair newKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
