package io.github.oauthsignin.signin;

/**
 * The provider refused, failed, timed out or answered something unusable. The message describes the provider's
 * answer for the log; it never holds a token or a secret.
 */
public final class SignInFailedException extends SignInException {

	public SignInFailedException(String providerId, String message) {
		super(providerId, message, null);
	}

	public SignInFailedException(String providerId, String message, Throwable cause) {
		super(providerId, message, cause);
	}

}
