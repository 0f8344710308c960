package io.github.oauthsignin.passkey;

/**
 * What a browser's WebAuthn error (the name of its {@code DOMException}, as the script reports it) means to the
 * person, as the end of a message code. Anything else a browser may say, or a stranger may send, is "failed".
 */
final class BrowserErrors {

	private BrowserErrors() {
	}

	/** Adding a passkey: cancelled or timed out, this device already has one for the account, or failed. */
	static String whenAdding(String error) {
		return switch (error) {
			case "NotAllowedError", "AbortError" -> "cancelled";
			case "InvalidStateError" -> "alreadyRegistered";
			default -> "failed";
		};
	}

	/** Signing in: cancelled or timed out, too many sign-ins from this address, or failed. */
	static String whenSigningIn(String error) {
		return switch (error) {
			case "NotAllowedError", "AbortError" -> "cancelled";
			case "RateLimited" -> "rateLimited";
			default -> "failed";
		};
	}

}
