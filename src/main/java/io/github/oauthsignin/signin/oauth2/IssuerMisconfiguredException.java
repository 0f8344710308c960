package io.github.oauthsignin.signin.oauth2;

/**
 * An OpenID Connect issuer answered, but its discovery document does not fit the configuration: it names another
 * issuer than the configured {@code issuer-uri} (a trailing slash, a tenant id, http against https), it is not there
 * (a 4xx answer), or it lacks what a sign-in needs. Unlike {@link IssuerUnavailableException}, waiting does not help:
 * a setting must change, here or at the issuer. Discovery is still tried again on the next attempt.
 */
class IssuerMisconfiguredException extends RuntimeException {

	IssuerMisconfiguredException(String message, Throwable cause) {
		super(message, cause);
	}

}
