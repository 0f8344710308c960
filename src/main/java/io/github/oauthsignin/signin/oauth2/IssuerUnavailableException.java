package io.github.oauthsignin.signin.oauth2;

/**
 * An OpenID Connect issuer's discovery document could not be had: the issuer did not answer in time, or answered a
 * server error ({@link IssuerMisconfiguredException} for an issuer that answers, but does not fit). The provider's sign-in fails with a message until discovery works, which is tried again
 * on the next attempt; the rest of the app is not affected.
 */
public class IssuerUnavailableException extends RuntimeException {

	public IssuerUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
