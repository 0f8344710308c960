package io.github.oauthsignin.user;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

import io.github.oauthsignin.web.BrowserFamily;
import io.github.oauthsignin.web.ClientAddress;

/**
 * Where a sign-in came from, for the account's sign-in history.
 * @param clientAddress the client's address as the trusted proxy reports it, an IPv6 address compressed ({@code ::1};
 * at most 45 characters, an IPv6 address with its IPv4 tail), or null
 * @param browser the browser's product name, such as Firefox (at most 20 characters), or null when unknown
 * @param system the operating system's product name, such as Linux (at most 20 characters), or null when unknown
 */
public record SignInOrigin(String clientAddress, String browser, String system) {

	public SignInOrigin {
		clientAddress = ClientAddresses.compressed(clientAddress);
		clientAddress = (clientAddress != null && clientAddress.length() <= 45) ? clientAddress : null;
		browser = (browser != null) ? TextTruncation.truncate(browser, 20) : null;
		system = (system != null) ? TextTruncation.truncate(system, 20) : null;
	}

	/**
	 * Where this request comes from: its client address ({@link ClientAddress}, an IP address or nothing) and the
	 * browser and system its {@code User-Agent} names ({@link BrowserFamily}).
	 */
	public static SignInOrigin of(HttpServletRequest request) {
		BrowserFamily family = BrowserFamily.of(request.getHeader(HttpHeaders.USER_AGENT));
		return new SignInOrigin(ClientAddress.of(request).orElse(null), family.browser(), family.system());
	}

}
