package io.github.oauthsignin.fake.oauth2;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hashes, MACs and random values the fake providers need, in one place so that each flavour does not grow its
 * own. Public because the thin per-provider fakes in other packages (such as {@code FakeFacebook}) expose a few of
 * them to their tests; none of it comes from the application.
 */
public final class Digests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private Digests() {
	}

	/**
	 * PKCE S256: base64url without padding of SHA-256 of the ASCII verifier (RFC 7636 §4.2).
	 * @param verifier the code verifier
	 * @return the code challenge
	 */
	public static String s256(String verifier) {
		return base64Url(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
	}

	/**
	 * Lower-case hex HMAC-SHA256, as Facebook's {@code appsecret_proof} (key: the app secret, message: the token).
	 * @param key the key, UTF-8
	 * @param message the message, UTF-8
	 * @return 64 hex digits
	 */
	public static String hmacSha256Hex(String key, String message) {
		return HexFormat.of().formatHex(hmacSha256(key.getBytes(StandardCharsets.UTF_8),
				message.getBytes(StandardCharsets.UTF_8)));
	}

	/** Compares secrets in constant time, so that a fake never teaches a timing side channel. */
	public static boolean same(String given, String expected) {
		return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
				expected.getBytes(StandardCharsets.UTF_8));
	}

	static byte[] hmacSha256(byte[] key, byte[] message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	static byte[] sha256(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/** The first 8 bytes of SHA-256 of the text, as a non-negative number: stable ids from names. */
	static long hashNumber(String text) {
		byte[] digest = sha256(text.getBytes(StandardCharsets.UTF_8));
		long number = 0;
		for (int i = 0; i < 8; i++) {
			number = (number << 8) | (digest[i] & 0xFF);
		}
		return number & Long.MAX_VALUE;
	}

	static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String randomToken(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return base64Url(random);
	}

	static String randomAlphanumeric(int length) {
		StringBuilder out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
		}
		return out.toString();
	}

}
