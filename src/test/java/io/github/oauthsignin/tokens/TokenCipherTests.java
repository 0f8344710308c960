package io.github.oauthsignin.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.github.oauthsignin.config.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** AES-256-GCM for kept tokens: what it writes, what it refuses to read, and a key rotation. */
class TokenCipherTests {

	static final String KEY = "QR6uLv7gDImAYd72QnSomlsDQSCmbO0+/J2b3F1wNG4=";

	private static final String OTHER_KEY = "u4p3cWcJ0yJmG7z8b0mR2c1qQw9xT5aVtLkN3sHdE6o=";

	private static final String TOKEN = "gho_16C7e42F292c6912E7710c838347Ae178B4a";

	private static final String HERE = "oauth2_authorized_client|github|42|access_token_value";

	@Test
	void encryptThenDecryptGivesTheTokenBackAndTheValueHoldsNoTrace() {
		TokenCipher cipher = TokenCipher.of(KEY, null);
		byte[] value = cipher.encrypt(TOKEN, HERE);
		assertThat(cipher.decrypt(value, HERE)).isEqualTo(TOKEN);
		assertThat(new String(value, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN)
			.doesNotContain(TOKEN.substring(4, 20))
			.startsWith(cipher.currentKeyId());
		assertThat(cipher.encrypt(TOKEN, HERE)).as("a fresh nonce each time").isNotEqualTo(value);
	}

	@Test
	void decryptWhenMovedToAnotherPersonsRowOrColumnThenRefused() {
		TokenCipher cipher = TokenCipher.of(KEY, null);
		byte[] value = cipher.encrypt(TOKEN, HERE);
		assertThatExceptionOfType(UnreadableTokenException.class)
			.isThrownBy(() -> cipher.decrypt(value, "oauth2_authorized_client|github|43|access_token_value"));
		assertThatExceptionOfType(UnreadableTokenException.class)
			.isThrownBy(() -> cipher.decrypt(value, "oauth2_authorized_client|github|42|refresh_token_value"));
	}

	@Test
	void decryptWhenAlteredThenRefused() {
		TokenCipher cipher = TokenCipher.of(KEY, null);
		byte[] value = cipher.encrypt(TOKEN, HERE);
		byte[] altered = Arrays.copyOf(value, value.length);
		altered[altered.length - 1] ^= 1;
		assertThatExceptionOfType(UnreadableTokenException.class).isThrownBy(() -> cipher.decrypt(altered, HERE));
		assertThatExceptionOfType(UnreadableTokenException.class)
			.isThrownBy(() -> cipher.decrypt(new byte[10], HERE));
	}

	@Test
	void rotationWhenPreviousKeySetThenOldValuesReadAndNewOnesWrittenWithTheNewKey() {
		byte[] old = TokenCipher.of(OTHER_KEY, null).encrypt(TOKEN, HERE);
		TokenCipher rotating = TokenCipher.of(KEY, OTHER_KEY);
		assertThat(rotating.isRotating()).isTrue();
		assertThat(rotating.isUnderPreviousKey(old)).isTrue();
		assertThat(rotating.decrypt(old, HERE)).isEqualTo(TOKEN);
		byte[] rewritten = rotating.encrypt(TOKEN, HERE);
		assertThat(rotating.isUnderPreviousKey(rewritten)).isFalse();
		assertThat(TokenCipher.of(KEY, null).decrypt(rewritten, HERE)).isEqualTo(TOKEN);
	}

	@Test
	void decryptWhenWrittenWithAKeyNoLongerSetThenRefusedNamingItsId() {
		TokenCipher before = TokenCipher.of(OTHER_KEY, null);
		byte[] value = before.encrypt(TOKEN, HERE);
		assertThatExceptionOfType(UnreadableTokenException.class)
			.isThrownBy(() -> TokenCipher.of(KEY, null).decrypt(value, HERE))
			.withMessageContaining(before.currentKeyId());
	}

	@Test
	void ofWhenKeyNotBase64OrNotThirtyTwoBytesThenNamesTheVariable() {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> TokenCipher.of("not base64!", null))
			.withMessageStartingWith("SIGNIN_TOKENS_KEY is not Base64");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> TokenCipher.of(KEY, "c2hvcnQ="))
			.withMessageStartingWith("SIGNIN_TOKENS_PREVIOUSKEY holds 5 bytes, not 32");
	}

	@Test
	void ofWhenKeyIsUrlSafeBase64ThenTheSameKey() {
		String urlSafe = KEY.replace('+', '-').replace('/', '_');
		byte[] value = TokenCipher.of(KEY, null).encrypt(TOKEN, HERE);
		assertThat(TokenCipher.of(urlSafe, null).decrypt(value, HERE)).isEqualTo(TOKEN);
	}

	@Test
	void noneWhenAskedToEncryptThenRefusesNamingTheVariable() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> TokenCipher.none().encrypt(TOKEN, HERE))
			.withMessageContaining("SIGNIN_TOKENS_KEY");
	}

}
