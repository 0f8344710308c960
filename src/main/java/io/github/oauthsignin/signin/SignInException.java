package io.github.oauthsignin.signin;

/**
 * Why a sign-in did not end with a profile. Subclasses say which of the cases it was; each carries the provider
 * it happened with, so that the page can name it.
 */
public abstract sealed class SignInException extends RuntimeException
		permits SignInCancelledException, SignInFailedException, SignInRejectedException, NoPendingSignInException,
		ProviderMisconfiguredException {

	private final String providerId;

	protected SignInException(String providerId, String message, Throwable cause) {
		super(message, cause, false, false);
		this.providerId = providerId;
	}

	/** The {@link SignInProvider#id()} of the provider the attempt was with. */
	public String providerId() {
		return this.providerId;
	}

}
