package io.github.oauthsignin.user;

/**
 * Where a sign-in came from, for the account's sign-in history.
 * @param clientAddress the client's address as the trusted proxy reports it (at most 45 characters, an IPv6 address
 * with its IPv4 tail), or null
 * @param browser a short browser family, such as "Firefox on Linux" (at most 40 characters)
 */
public record SignInOrigin(String clientAddress, String browser) {

	public SignInOrigin {
		clientAddress = (clientAddress != null && clientAddress.length() <= 45) ? clientAddress : null;
		browser = TextTruncation.truncate(browser, 40);
	}

}
