package io.github.oauthsignin.tokens;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys that encrypt kept provider tokens (AES-256-GCM), from the environment: {@code SIGNIN_TOKENS_KEY}, 32
 * random bytes in Base64 ({@code openssl rand -base64 32}), and during a rotation the one it replaces,
 * {@code SIGNIN_TOKENS_PREVIOUSKEY}, still read but never written. Required as soon as a provider has
 * {@code signin.providers.<id>.keep-tokens=true}.
 * @param key the key new values are encrypted with
 * @param previousKey the key being rotated out, or null
 */
@ConfigurationProperties("signin.tokens")
public record TokenEncryptionProperties(String key, String previousKey) {

	/** The variable that holds {@link #key}. */
	public static final String KEY_VARIABLE = "SIGNIN_TOKENS_KEY";

	/** The variable that holds {@link #previousKey}. */
	public static final String PREVIOUS_KEY_VARIABLE = "SIGNIN_TOKENS_PREVIOUSKEY";

	/** Keeps the keys out of logs and diagnostics. */
	@Override
	public String toString() {
		return "TokenEncryptionProperties[key=" + ((this.key != null) ? "<set>" : "<unset>") + ", previousKey="
				+ ((this.previousKey != null) ? "<set>" : "<unset>") + "]";
	}

}
