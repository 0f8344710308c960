package io.github.oauthsignin.signin;

/**
 * The provider cannot work as it is set up, on our side or on its own: the configured issuer is not the one its
 * discovery document names, its key set holds no key its ID tokens could be checked with, it refuses our client
 * credentials. No retry helps until someone changes a setting, so the person is told it is not set up correctly (not
 * that it did not answer), and the operator's log names both sides of the mismatch. The message never holds a secret.
 */
public final class ProviderMisconfiguredException extends SignInException {

	public ProviderMisconfiguredException(String providerId, String message, Throwable cause) {
		super(providerId, message, cause);
	}

}
