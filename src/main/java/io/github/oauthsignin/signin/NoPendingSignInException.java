package io.github.oauthsignin.signin;

/**
 * A callback that answers no attempt this browser has pending: forged, replayed, too old, or meant for another
 * provider. It is refused before any call to the provider.
 */
public final class NoPendingSignInException extends SignInException {

	public NoPendingSignInException(String providerId) {
		super(providerId, "no matching sign-in pending", null);
	}

}
