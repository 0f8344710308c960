package io.github.oauthsignin.signin;

/**
 * The provider answered, but its answer did not pass the checks that make it trustworthy: an ID token with a bad
 * signature, another issuer or audience, an old or future date, another nonce; a UserInfo answer about someone
 * else. Nothing from it is used. The message names the check for the log; it never holds a token.
 */
public final class SignInRejectedException extends SignInException {

	public SignInRejectedException(String providerId, String message, Throwable cause) {
		super(providerId, message, cause);
	}

}
