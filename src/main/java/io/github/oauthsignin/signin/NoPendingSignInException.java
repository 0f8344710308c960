package io.github.oauthsignin.signin;

/**
 * A callback that answers no attempt this browser has pending: forged, replayed, too old, meant for another
 * provider, or naming another issuer than this provider's (RFC 9207). It is refused before any call to the provider.
 */
public final class NoPendingSignInException extends SignInException {

	public NoPendingSignInException(String providerId) {
		this(providerId, "no matching attempt pending in this session");
	}

	/** @param reason why the callback answers no attempt of ours, for the log */
	public NoPendingSignInException(String providerId, String reason) {
		super(providerId, reason, null);
	}

}
