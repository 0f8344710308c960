package io.github.oauthsignin.tokens;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.oauthsignin.config.InvalidSettingException;

/**
 * Encrypts kept tokens with AES-256-GCM, so that a copy of the database alone gives nobody a live token.
 * <p>
 * A value is {@code key id (8 bytes) | nonce (12 random bytes) | ciphertext and 128-bit tag}. The key id (the first 8
 * characters of the Base64url SHA-256 of the key) names the key that wrote it, so that after a rotation values under
 * the previous key are still read, and rewritten under the new one. Each value is bound to where it is stored (the
 * table, provider, person and column, as GCM's associated data): a value copied to another person's row, or to
 * another column, does not decrypt.
 */
public final class TokenCipher {

	static final int KEY_BYTES = 32;

	static final int KEY_ID_BYTES = 8;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private final SecureRandom random = new SecureRandom();

	private final Key current;

	private final Key previous;

	private TokenCipher(Key current, Key previous) {
		this.current = current;
		this.previous = previous;
	}

	/**
	 * The cipher for the configured keys.
	 * @param key the current key, Base64 (standard or URL-safe) of 32 bytes
	 * @param previousKey the key being rotated out, or null
	 * @throws InvalidSettingException when a key is not 32 bytes in Base64, or the previous key is set without a key
	 */
	public static TokenCipher of(String key, String previousKey) {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("no key");
		}
		Key current = Key.parse(TokenEncryptionProperties.KEY_VARIABLE, key);
		Key previous = (previousKey != null && !previousKey.isBlank())
				? Key.parse(TokenEncryptionProperties.PREVIOUS_KEY_VARIABLE, previousKey) : null;
		return new TokenCipher(current, (previous != null && !previous.id().equals(current.id())) ? previous : null);
	}

	/**
	 * The cipher while no key is set, which no provider then needs: it refuses to encrypt or decrypt anything.
	 */
	public static TokenCipher none() {
		return new TokenCipher(null, null);
	}

	/** The id of the key new values are written with. */
	public String currentKeyId() {
		return (this.current != null) ? this.current.id() : null;
	}

	/**
	 * Encrypts a token for the place it is stored.
	 * @param plaintext the token
	 * @param context where it is stored, such as {@code oauth2|github|42|access_token}
	 */
	public byte[] encrypt(String plaintext, String context) {
		if (this.current == null) {
			throw new IllegalStateException(TokenEncryptionProperties.KEY_VARIABLE + " is not set");
		}
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, this.current.secret(), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(KEY_ID_BYTES + NONCE_BYTES + sealed.length)
				.put(this.current.id().getBytes(StandardCharsets.US_ASCII))
				.put(nonce)
				.put(sealed)
				.array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * Decrypts a value stored at this place.
	 * @throws UnreadableTokenException when no configured key wrote it, or it was altered or moved
	 */
	public String decrypt(byte[] value, String context) {
		if (value == null || value.length < KEY_ID_BYTES + NONCE_BYTES + TAG_BITS / 8) {
			throw new UnreadableTokenException("not an encrypted token");
		}
		String keyId = keyIdOf(value);
		Key key = keyFor(keyId)
			.orElseThrow(() -> new UnreadableTokenException("written with key " + keyId + ", which is not configured"));
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, key.secret(),
					new GCMParameterSpec(TAG_BITS, value, KEY_ID_BYTES, NONCE_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] plain = cipher.doFinal(value, KEY_ID_BYTES + NONCE_BYTES, value.length - KEY_ID_BYTES - NONCE_BYTES);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (AEADBadTagException ex) {
			throw new UnreadableTokenException("altered, or stored for another place");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/** Whether this value was written with another key than the current one, and should be rewritten. */
	public boolean isUnderPreviousKey(byte[] value) {
		return value != null && value.length >= KEY_ID_BYTES && this.previous != null
				&& this.previous.id().equals(keyIdOf(value));
	}

	/** Whether a previous key is configured: a rotation is under way. */
	public boolean isRotating() {
		return this.previous != null;
	}

	private Optional<Key> keyFor(String keyId) {
		if (this.current != null && this.current.id().equals(keyId)) {
			return Optional.of(this.current);
		}
		return (this.previous != null && this.previous.id().equals(keyId)) ? Optional.of(this.previous)
				: Optional.empty();
	}

	private static String keyIdOf(byte[] value) {
		return new String(value, 0, KEY_ID_BYTES, StandardCharsets.US_ASCII);
	}

	/** A key and its id. */
	private record Key(String id, SecretKey secret) {

		static Key parse(String variable, String text) {
			byte[] bytes;
			try {
				String trimmed = text.strip();
				bytes = (trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0) ? Base64.getUrlDecoder().decode(trimmed)
						: Base64.getDecoder().decode(trimmed);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSettingException(variable,
						"is not Base64: set it to 32 random bytes in Base64, such as the output of openssl rand -base64 32");
			}
			if (bytes.length != KEY_BYTES) {
				throw new InvalidSettingException(variable, "holds " + bytes.length + " bytes, not " + KEY_BYTES
						+ ": set it to 32 random bytes in Base64, such as the output of openssl rand -base64 32");
			}
			Key key = new Key(idOf(bytes), new SecretKeySpec(bytes, "AES"));
			Arrays.fill(bytes, (byte) 0);
			return key;
		}

		private static String idOf(byte[] key) {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
				return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, KEY_ID_BYTES);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is not available", ex);
			}
		}

		@Override
		public String toString() {
			return "Key[" + this.id + "]";
		}

	}

}
