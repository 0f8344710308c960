package io.github.oauthsignin.providers.apple;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.signin.oauth2.MintedClientSecret;

/**
 * Apple's client secret: a JWT signed ES256 with the team's private key (the {@code .p8} file), header {@code kid} =
 * the key id, claims {@code iss} = the team id, {@code sub} = the client id (the Services ID), {@code aud} =
 * {@code https://appleid.apple.com}, {@code iat} and {@code exp}. Made with Nimbus's {@link ECDSASigner}, which
 * writes the JOSE form of the signature (R and S side by side), not the DER of {@code java.security}. One is kept and
 * used for {@link #LIFETIME} minus {@link #RENEW_BEFORE}, then a new one is made: Apple allows six months; a day is
 * plenty and a leaked one is worth less.
 */
final class AppleClientSecret implements MintedClientSecret {

	/** The audience Apple requires, whatever the endpoints are set to. */
	static final String AUDIENCE = "https://appleid.apple.com";

	static final Duration LIFETIME = Duration.ofDays(1);

	static final Duration RENEW_BEFORE = Duration.ofHours(1);

	private final String teamId;

	private final String keyId;

	private final String clientId;

	private final ECDSASigner signer;

	private final Clock clock;

	private volatile Minted current;

	AppleClientSecret(String teamId, String keyId, String clientId, ECPrivateKey privateKey, Clock clock) {
		this.teamId = teamId;
		this.keyId = keyId;
		this.clientId = clientId;
		this.clock = clock;
		try {
			this.signer = new ECDSASigner(privateKey);
		}
		catch (JOSEException ex) {
			throw new InvalidSettingException(AppleSettings.PRIVATE_KEY, "is not a P-256 key: " + ex.getMessage());
		}
	}

	/** The current secret, made anew when the kept one is about to expire. */
	@Override
	public String current() {
		Instant now = this.clock.instant();
		Minted minted = this.current;
		if (minted == null || !now.isBefore(minted.expiresAt().minus(RENEW_BEFORE))) {
			minted = mint(now);
			this.current = minted;
		}
		return minted.value();
	}

	private Minted mint(Instant now) {
		Instant expiresAt = now.plus(LIFETIME);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.teamId)
			.subject(this.clientId)
			.audience(AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expiresAt))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(this.keyId).build(), claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("ES256 signing failed", ex);
		}
		return new Minted(jwt.serialize(), expiresAt);
	}

	/**
	 * Reads the PEM text of a {@code .p8} file: PKCS #8, an EC key on P-256.
	 * @throws InvalidSettingException naming {@code APPLE_PRIVATE_KEY} when it is anything else
	 */
	static ECPrivateKey privateKey(String pem) {
		String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]*PRIVATE KEY-----", "").replace("\\n", "")
			.replaceAll("\\s", "");
		try {
			byte[] der = Base64.getDecoder().decode(base64);
			if (KeyFactory.getInstance("EC")
				.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof ECPrivateKey key
					&& key.getParams().getCurve().getField().getFieldSize() == 256) {
				return key;
			}
		}
		catch (IllegalArgumentException | InvalidKeySpecException ex) {
			// said below
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("EC keys are part of every JDK", ex);
		}
		throw new InvalidSettingException(AppleSettings.PRIVATE_KEY,
				"is not an EC P-256 private key in PEM: set it to the text of the .p8 file from Apple, "
						+ "-----BEGIN PRIVATE KEY----- line and newlines included");
	}

	@Override
	public String toString() {
		return "AppleClientSecret[team=" + this.teamId + ", key=" + this.keyId + "]";
	}

	private record Minted(String value, Instant expiresAt) {
	}

}
