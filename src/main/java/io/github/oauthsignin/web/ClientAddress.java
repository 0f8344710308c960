package io.github.oauthsignin.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address of a request, as the servlet container reports it: the connection's own address, or, only
 * when the operator named the proxy it came through ({@code server.forward-headers-strategy=native} and
 * {@code server.tomcat.remoteip.internal-proxies}), the address that proxy put in {@code X-Forwarded-For}. Whatever
 * that header held, this is an IP address (as written there) or nothing: never a host name (nothing is looked up)
 * and never text that is not an address.
 */
public final class ClientAddress {

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

	private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]{2,45}(%[0-9A-Za-z._-]{1,32})?]?");

	/** Tomcat's request attribute: the client address was taken from a trusted proxy's header. */
	private static final String FORWARDED = "org.apache.tomcat.request.forwarded";

	private ClientAddress() {
	}

	/** The request's client address, or empty when what the container holds is not an IP address. */
	public static Optional<String> of(HttpServletRequest request) {
		return parse(request.getRemoteAddr());
	}

	/**
	 * Whether the client address was taken from a header (a trusted proxy's {@code X-Forwarded-For}) rather than
	 * from the connection.
	 */
	public static boolean isForwarded(HttpServletRequest request) {
		return Boolean.TRUE.equals(request.getAttribute(FORWARDED));
	}

	/** The text when it is an IP address literal (without brackets), or empty; never a DNS lookup. */
	public static Optional<String> parse(String text) {
		if (text == null || !(IPV4.matcher(text).matches() || (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()))) {
			return Optional.empty();
		}
		try {
			// A literal only (checked above), so this parses and never asks DNS; the address is kept as written.
			InetAddress.getByName(text);
			return Optional.of(text.replace("[", "").replace("]", ""));
		}
		catch (UnknownHostException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
