package io.github.oauthsignin.user;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Client addresses as people read them: an IPv6 address in its compressed form (RFC 5952: lower case, no leading
 * zeros, the longest run of zero groups as {@code ::}), as Tomcat reports it uncompressed ({@code 0:0:0:0:0:0:0:1}
 * is {@code ::1}); an IPv4 address mapped into IPv6 as the IPv4 address it is. Anything else is left as it is;
 * nothing is ever looked up.
 */
public final class ClientAddresses {

	/** Hex digits, colons, and the dots of an IPv4 tail: an IPv6 literal, never a host name to resolve. */
	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private ClientAddresses() {
	}

	/** The address compressed when it is an IPv6 literal (a zone such as {@code %eth0} kept); otherwise as given. */
	public static String compressed(String address) {
		if (address == null) {
			return null;
		}
		int zone = address.indexOf('%');
		String literal = (zone >= 0) ? address.substring(0, zone) : address;
		if (!IPV6_LITERAL.matcher(literal).matches()) {
			return address;
		}
		byte[] bytes;
		try {
			InetAddress parsed = InetAddress.getByName(literal);
			if (!(parsed instanceof Inet6Address)) {
				return parsed.getHostAddress();
			}
			bytes = parsed.getAddress();
		}
		catch (UnknownHostException ex) {
			return address;
		}
		return format(bytes) + ((zone >= 0) ? address.substring(zone) : "");
	}

	private static String format(byte[] bytes) {
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int length = 0;
			while (i + length < 8 && groups[i + length] == 0) {
				length++;
			}
			if (length > bestLength) {
				bestStart = i;
				bestLength = length;
			}
			i += Math.max(length, 1);
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

}
