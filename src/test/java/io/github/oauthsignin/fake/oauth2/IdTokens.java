package io.github.oauthsignin.fake.oauth2;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenID Connect fake's signing keys and ID tokens: a key pair made at start under a random {@code kid} for the
 * algorithm the issuer signs with (RS256 unless {@link #signWith(String)} says PS256, ES256 or EdDSA), published as
 * a JWK Set, and compact JWS tokens signed with {@code java.security} alone. It also forges the tokens of
 * {@link IdTokenAttack}, each of which breaks exactly one thing.
 */
final class IdTokens {

	/** The audience the audience attacks add or substitute. */
	static final String OTHER_CLIENT = "another-client";

	/** The algorithms the fake can sign with. */
	static final List<String> ALGORITHMS = List.of("RS256", "PS256", "ES256", "EdDSA");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private volatile SigningKey current = newKey("RS256");

	/** A key that is never published, for the forged signatures; made on first use. */
	private SigningKey stranger;

	/**
	 * A key of another algorithm than the issuer's, published in the JWK Set but not listed in discovery, for
	 * {@link IdTokenAttack#ALGORITHM_NOT_LISTED}; made and published on first use.
	 */
	private volatile SigningKey unlisted;

	/** Whether the JWK Set marks every key as an encryption key, which no signature may be verified with. */
	private volatile boolean unusable;

	/** Signs from now on with a new key for this algorithm, which replaces every key in the JWK Set. */
	void signWith(String algorithm) {
		this.current = newKey(algorithm);
		this.unlisted = null;
	}

	/** Replaces the signing key by a new one of the same algorithm under a new {@code kid}; the old one leaves. */
	void rotate() {
		this.current = newKey(this.current.algorithm());
	}

	/** Publishes the keys as encryption keys ({@code "use":"enc"}), or as they are. */
	void publishUnusable(boolean unusable) {
		this.unusable = unusable;
	}

	/** The algorithm the issuer signs with, which its discovery document lists. */
	String algorithm() {
		return this.current.algorithm();
	}

	/** The JWK Set: the current public key, and the unlisted one once an attack has used it. */
	String jwks() {
		List<Map<String, Object>> keys = new ArrayList<>();
		keys.add(jwk(this.current));
		SigningKey other = this.unlisted;
		if (other != null) {
			keys.add(jwk(other));
		}
		return JSON.writeValueAsString(Map.of("keys", keys));
	}

	private Map<String, Object> jwk(SigningKey key) {
		Map<String, Object> jwk = new LinkedHashMap<>();
		switch (key.algorithm()) {
			case "RS256", "PS256" -> {
				RSAPublicKey publicKey = (RSAPublicKey) key.pair().getPublic();
				jwk.put("kty", "RSA");
				jwk.put("n", unsigned(publicKey.getModulus(), 0));
				jwk.put("e", unsigned(publicKey.getPublicExponent(), 0));
			}
			case "ES256" -> {
				ECPublicKey publicKey = (ECPublicKey) key.pair().getPublic();
				jwk.put("kty", "EC");
				jwk.put("crv", "P-256");
				jwk.put("x", unsigned(publicKey.getW().getAffineX(), 32));
				jwk.put("y", unsigned(publicKey.getW().getAffineY(), 32));
			}
			default -> {
				// RFC 8037: the raw 32-byte key, the tail of the X.509 encoding
				byte[] encoded = key.pair().getPublic().getEncoded();
				jwk.put("kty", "OKP");
				jwk.put("crv", "Ed25519");
				jwk.put("x", Digests.base64Url(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
			}
		}
		jwk.put("use", this.unusable ? "enc" : "sig");
		jwk.put("alg", key.algorithm());
		jwk.put("kid", key.kid());
		return jwk;
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
		SigningKey key = this.current;
		SigningKey signer = key;
		if (attack == IdTokenAttack.BAD_SIGNATURE || attack == IdTokenAttack.UNKNOWN_KID) {
			signer = stranger();
			if (attack == IdTokenAttack.UNKNOWN_KID) {
				key = signer;
			}
		}
		if (attack == IdTokenAttack.ALGORITHM_NOT_LISTED) {
			key = unlisted();
			signer = key;
		}
		header.put("alg", key.algorithm());
		header.put("kid", key.kid());
		header.put("typ", "JWT");
		String input = encode(header) + "." + encode(claims);
		return input + "." + Digests.base64Url(sign(signer.algorithm(), signer.pair().getPrivate(),
				input.getBytes(StandardCharsets.US_ASCII)));
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
			case BAD_SIGNATURE, ALG_NONE, UNKNOWN_KID, HS256_WITH_CLIENT_SECRET, ALGORITHM_NOT_LISTED -> {
				// the signature or the header is what breaks
			}
		}
	}

	/** A key of the same algorithm as the issuer's, never published. */
	private synchronized SigningKey stranger() {
		if (this.stranger == null || !this.stranger.algorithm().equals(this.current.algorithm())) {
			this.stranger = newKey(this.current.algorithm());
		}
		return this.stranger;
	}

	/** A published key of an algorithm the issuer does not list: ES256, or PS256 for an ES256 issuer. */
	private synchronized SigningKey unlisted() {
		if (this.unlisted == null) {
			this.unlisted = newKey("ES256".equals(this.current.algorithm()) ? "PS256" : "ES256");
		}
		return this.unlisted;
	}

	private static String encode(Map<String, Object> json) {
		return Digests.base64Url(JSON.writeValueAsBytes(json));
	}

	/** RFC 7518 §3: PKCS #1 v1.5 or PSS with SHA-256, ECDSA's R and S side by side, or Ed25519 (RFC 8037). */
	private static byte[] sign(String algorithm, PrivateKey key, byte[] input) {
		try {
			Signature signature = switch (algorithm) {
				case "RS256" -> Signature.getInstance("SHA256withRSA");
				case "PS256" -> {
					Signature pss = Signature.getInstance("RSASSA-PSS");
					pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
					yield pss;
				}
				case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
				default -> Signature.getInstance("Ed25519");
			};
			signature.initSign(key);
			signature.update(input);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(algorithm + " is not available", ex);
		}
	}

	/**
	 * RFC 7518 §6.2.1.2 and §6.3.1: base64url of the big-endian magnitude, without the sign byte BigInteger may
	 * add, left-padded with zeros to the length given (0: as short as it is).
	 */
	private static String unsigned(BigInteger value, int length) {
		byte[] bytes = value.toByteArray();
		if (bytes.length > 1 && bytes[0] == 0) {
			bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
		}
		if (bytes.length < length) {
			byte[] padded = new byte[length];
			System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
			bytes = padded;
		}
		return Digests.base64Url(bytes);
	}

	private static SigningKey newKey(String algorithm) {
		try {
			KeyPairGenerator generator;
			switch (algorithm) {
				case "RS256", "PS256" -> {
					generator = KeyPairGenerator.getInstance("RSA");
					generator.initialize(2048);
				}
				case "ES256" -> {
					generator = KeyPairGenerator.getInstance("EC");
					generator.initialize(new ECGenParameterSpec("secp256r1"));
				}
				case "EdDSA" -> generator = KeyPairGenerator.getInstance("Ed25519");
				default -> throw new IllegalArgumentException("The fake signs with " + ALGORITHMS + ", not " + algorithm);
			}
			return new SigningKey(Digests.randomToken(12), algorithm, generator.generateKeyPair());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(algorithm + " keys are not available", ex);
		}
	}

	private record SigningKey(String kid, String algorithm, KeyPair pair) {
	}

}
