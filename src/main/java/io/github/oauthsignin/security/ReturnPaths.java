package io.github.oauthsignin.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Decides where to send a person after signing in. Only a path on this site is accepted; anything that a browser
 * could read as another origin ({@code //evil.example}, {@code /\evil.example}, {@code https://evil.example},
 * and their percent-encoded forms) becomes the home page.
 */
public final class ReturnPaths {

	/** Where people go when no safe target was given. */
	public static final String HOME = "/";

	/** The account page, where connecting and disconnecting providers ends. */
	public static final String ACCOUNT = "/account";

	private static final int MAX_LENGTH = 512;

	private static final int DECODING_ROUNDS = 3;

	private ReturnPaths() {
	}

	/**
	 * The candidate when it is a same-origin relative path, otherwise {@link #HOME}; in US-ASCII, with any other
	 * character percent-encoded as UTF-8 ({@code /account?x=ü} is {@code /account?x=%C3%BC}), so that it can stand
	 * in a {@code Location} header (a server drops a header it cannot write in Latin-1).
	 */
	public static String sanitize(String candidate) {
		if (!isSafe(candidate)) {
			return HOME;
		}
		try {
			return new URI(candidate).toASCIIString();
		}
		catch (URISyntaxException ex) {
			return HOME;
		}
	}

	/** Whether the candidate is a same-origin relative path, also after any percent-decoding a peer might do. */
	public static boolean isSafe(String candidate) {
		if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
			return false;
		}
		String value = candidate;
		for (int round = 0; round <= DECODING_ROUNDS; round++) {
			if (!isPlainLocalPath(value)) {
				return false;
			}
			String decoded = decode(value);
			if (decoded == null) {
				return false;
			}
			if (decoded.equals(value)) {
				return true;
			}
			value = decoded;
		}
		// Still changing after several decodings: someone is trying something.
		return false;
	}

	private static boolean isPlainLocalPath(String value) {
		if (value.charAt(0) != '/' || value.startsWith("//")) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			// Browsers treat a backslash as a slash, and drop tabs and newlines from URLs.
			if (c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c)) {
				return false;
			}
		}
		try {
			URI uri = new URI(value);
			return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawFragment() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
