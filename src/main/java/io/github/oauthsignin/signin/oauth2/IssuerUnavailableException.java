package io.github.oauthsignin.signin.oauth2;

/**
 * An OpenID Connect issuer's discovery document could not be had: the issuer did not answer, answered an error,
 * or named another issuer. The provider's sign-in fails with a message until discovery works, which is tried again
 * on the next attempt; the rest of the app is not affected.
 */
public class IssuerUnavailableException extends RuntimeException {

	public IssuerUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
