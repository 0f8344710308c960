package io.github.oauthsignin.fake.oauth2;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenID Connect fake's signing keys and ID tokens: an RSA 2048 key pair made at start under a random
 * {@code kid}, published as a JWK Set, and compact RS256 JWS tokens signed with {@code java.security} alone. It
 * also forges the tokens of {@link IdTokenAttack}, each of which breaks exactly one thing.
 */
final class IdTokens {

	/** The audience the audience attacks add or substitute. */
	static final String OTHER_CLIENT = "another-client";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private volatile SigningKey current = newKey();

	/** A key that is never published, for the forged signatures; made on first use. */
	private SigningKey stranger;

	/** Replaces the signing key by a new one under a new {@code kid}; the old one leaves the JWK Set. */
	void rotate() {
		this.current = newKey();
	}

	/** The JWK Set: the current public key only. */
	String jwks() {
		SigningKey key = this.current;
		RSAPublicKey publicKey = (RSAPublicKey) key.pair().getPublic();
		Map<String, Object> jwk = new LinkedHashMap<>();
		jwk.put("kty", "RSA");
		jwk.put("use", "sig");
		jwk.put("alg", "RS256");
		jwk.put("kid", key.kid());
		jwk.put("n", unsigned(publicKey.getModulus()));
		jwk.put("e", unsigned(publicKey.getPublicExponent()));
		return JSON.writeValueAsString(Map.of("keys", List.of(jwk)));
	}

	/**
	 * Signs the claims, broken as the attack says.
	 * @param claims the honest claims, in order; changed by claim attacks
	 * @param attack what to break, or null for an honest token
	 * @param clientSecret the key of {@link IdTokenAttack#HS256_WITH_CLIENT_SECRET}
	 * @param now the fake's clock
	 * @return the compact JWS
	 */
	String mint(Map<String, Object> claims, IdTokenAttack attack, String clientId, String clientSecret, Instant now) {
		if (attack != null) {
			tamper(claims, attack, clientId, now);
		}
		SigningKey key = this.current;
		Map<String, Object> header = new LinkedHashMap<>();
		if (attack == IdTokenAttack.ALG_NONE) {
			header.put("alg", "none");
			header.put("typ", "JWT");
			return encode(header) + "." + encode(claims) + ".";
		}
		if (attack == IdTokenAttack.HS256_WITH_CLIENT_SECRET) {
			header.put("alg", "HS256");
			header.put("typ", "JWT");
			String input = encode(header) + "." + encode(claims);
			return input + "." + Digests.base64Url(Digests.hmacSha256(clientSecret.getBytes(StandardCharsets.UTF_8),
					input.getBytes(StandardCharsets.US_ASCII)));
		}
		PrivateKey signer = key.pair().getPrivate();
		String kid = key.kid();
		if (attack == IdTokenAttack.BAD_SIGNATURE || attack == IdTokenAttack.UNKNOWN_KID) {
			signer = stranger().pair().getPrivate();
			if (attack == IdTokenAttack.UNKNOWN_KID) {
				kid = stranger().kid();
			}
		}
		header.put("alg", "RS256");
		header.put("kid", kid);
		header.put("typ", "JWT");
		String input = encode(header) + "." + encode(claims);
		return input + "." + Digests.base64Url(rs256(signer, input.getBytes(StandardCharsets.US_ASCII)));
	}

	private static void tamper(Map<String, Object> claims, IdTokenAttack attack, String clientId, Instant now) {
		switch (attack) {
			case WRONG_ISSUER -> claims.put("iss",
					"https://attacker.example" + URI.create((String) claims.get("iss")).getRawPath());
			case WRONG_AUDIENCE -> claims.put("aud", OTHER_CLIENT);
			case EXTRA_AUDIENCE_WITHOUT_AZP -> {
				claims.put("aud", List.of(clientId, OTHER_CLIENT));
				claims.remove("azp");
			}
			case WRONG_AZP -> {
				claims.put("aud", List.of(clientId, OTHER_CLIENT));
				claims.put("azp", OTHER_CLIENT);
			}
			case EXPIRED -> {
				Instant issued = now.minus(Duration.ofMinutes(70));
				claims.put("exp", now.minus(Duration.ofMinutes(10)).getEpochSecond());
				claims.put("iat", issued.getEpochSecond());
				claims.put("auth_time", issued.getEpochSecond());
			}
			case ISSUED_IN_FUTURE -> {
				Instant issued = now.plus(Duration.ofMinutes(5));
				claims.put("iat", issued.getEpochSecond());
				claims.put("exp", issued.plus(Duration.ofHours(1)).getEpochSecond());
			}
			case MISSING_NONCE -> claims.remove("nonce");
			case WRONG_NONCE -> claims.put("nonce", Digests.randomToken(16));
			case BAD_SIGNATURE, ALG_NONE, UNKNOWN_KID, HS256_WITH_CLIENT_SECRET -> {
				// the signature or the header is what breaks
			}
		}
	}

	private synchronized SigningKey stranger() {
		if (this.stranger == null) {
			this.stranger = newKey();
		}
		return this.stranger;
	}

	private static String encode(Map<String, Object> json) {
		return Digests.base64Url(JSON.writeValueAsBytes(json));
	}

	private static byte[] rs256(PrivateKey key, byte[] input) {
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(key);
			signature.update(input);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA256withRSA is not available", ex);
		}
	}

	/** RFC 7518 §6.3.1: base64url of the big-endian magnitude, without the sign byte BigInteger may add. */
	private static String unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		if (bytes.length > 1 && bytes[0] == 0) {
			bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
		}
		return Digests.base64Url(bytes);
	}

	private static SigningKey newKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return new SigningKey(Digests.randomToken(12), generator.generateKeyPair());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("RSA is not available", ex);
		}
	}

	private record SigningKey(String kid, KeyPair pair) {
	}

}
