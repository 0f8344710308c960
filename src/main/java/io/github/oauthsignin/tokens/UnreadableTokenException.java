package io.github.oauthsignin.tokens;

/**
 * A kept token that no configured key can read: written with a key that is no longer set, altered, or moved from
 * another row. It is treated as not kept.
 */
public class UnreadableTokenException extends RuntimeException {

	UnreadableTokenException(String why) {
		super("A kept token cannot be decrypted: " + why);
	}

}
