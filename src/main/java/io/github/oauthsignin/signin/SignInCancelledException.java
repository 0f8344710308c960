package io.github.oauthsignin.signin;

/** The person declined at the provider. Nothing went wrong; nobody is signed in. */
public final class SignInCancelledException extends SignInException {

	public SignInCancelledException(String providerId) {
		super(providerId, "cancelled at the provider", null);
	}

}
