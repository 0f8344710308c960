package io.github.oauthsignin.fake.twitter;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fake's own OAuth 1.0a (RFC 5849) HMAC-SHA1 signature checker. It is written independently of the
 * application's signer on purpose: if both shared code, a mistake in it would sign and verify consistently and no
 * test would notice. It works the way a server does — from the {@code Authorization} header back to a base string —
 * rather than the way a client builds one.
 * <p>
 * Deliberately strict: header values must be percent-encoded as RFC 5849 3.5.1 requires, duplicate parameters in
 * the header are rejected, and signatures are compared as raw MAC bytes in constant time.
 */
public final class OAuth1Verifier {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private OAuth1Verifier() {
	}

	/**
	 * Parses an {@code Authorization: OAuth ...} header value into its decoded parameters, in order, so the server
	 * can rebuild exactly what the client signed.
	 * @param header the header value, starting with the {@code OAuth} scheme
	 * @return decoded names to decoded values, {@code realm} included
	 * @throws IllegalArgumentException when the header is not a well-formed OAuth header, a name or value is not
	 * properly percent-encoded, or a parameter appears twice
	 */
	public static Map<String, String> parseAuthorizationHeader(String header) {
		if (header == null) {
			throw new IllegalArgumentException("no Authorization header");
		}
		String text = header.strip();
		if (text.length() < 6 || !text.regionMatches(true, 0, "OAuth", 0, 5)
				|| !Character.isWhitespace(text.charAt(5))) {
			throw new IllegalArgumentException("Authorization scheme is not OAuth");
		}
		Map<String, String> params = new LinkedHashMap<>();
		int at = 6;
		boolean expectParam = true;
		while (true) {
			at = skipWhitespace(text, at);
			if (at >= text.length()) {
				if (expectParam && !params.isEmpty()) {
					throw new IllegalArgumentException("trailing comma in Authorization header");
				}
				break;
			}
			if (!expectParam) {
				if (text.charAt(at) != ',') {
					throw new IllegalArgumentException("expected ',' at " + at + " in Authorization header");
				}
				at++;
				expectParam = true;
				continue;
			}
			int equals = text.indexOf('=', at);
			if (equals < 0) {
				throw new IllegalArgumentException("parameter without '=' in Authorization header");
			}
			String rawName = text.substring(at, equals).strip();
			if (rawName.isEmpty()) {
				throw new IllegalArgumentException("empty parameter name in Authorization header");
			}
			at = skipWhitespace(text, equals + 1);
			if (at >= text.length() || text.charAt(at) != '"') {
				throw new IllegalArgumentException("value of " + rawName + " is not quoted");
			}
			int close = text.indexOf('"', at + 1);
			if (close < 0) {
				throw new IllegalArgumentException("unterminated value of " + rawName);
			}
			String name = strictDecode(rawName);
			String value = strictDecode(text.substring(at + 1, close));
			if (params.putIfAbsent(name, value) != null) {
				throw new IllegalArgumentException("duplicate parameter " + name + " in Authorization header");
			}
			at = close + 1;
			expectParam = false;
		}
		if (params.isEmpty()) {
			throw new IllegalArgumentException("no parameters in Authorization header");
		}
		return params;
	}

	/**
	 * The base string URI of RFC 5849 3.4.1.2: lower-case scheme and host, the port only when it is not the
	 * scheme's default, the path as sent, no query or fragment. The server rebuilds it from what the client
	 * connected to, so a signer that signs a different URI than it calls is caught.
	 * @param scheme {@code http} or {@code https}
	 * @param authority the {@code Host} header value ({@code host} or {@code host:port})
	 * @param rawPath the request path, still percent-encoded; empty means {@code /}
	 * @return the base string URI
	 */
	public static String baseStringUri(String scheme, String authority, String rawPath) {
		String lowerScheme = scheme.toLowerCase(Locale.ROOT);
		String host = authority.toLowerCase(Locale.ROOT);
		int colon = host.lastIndexOf(':');
		if (colon >= 0 && colon > host.lastIndexOf(']')) {
			String port = host.substring(colon + 1);
			boolean defaultPort = (lowerScheme.equals("http") && port.equals("80"))
					|| (lowerScheme.equals("https") && port.equals("443"));
			if (defaultPort || port.isEmpty()) {
				host = host.substring(0, colon);
			}
		}
		String path = (rawPath == null || rawPath.isEmpty()) ? "/" : rawPath;
		int cut = indexOfAny(path, '?', '#');
		if (cut >= 0) {
			path = path.substring(0, cut);
		}
		return lowerScheme + "://" + host + path;
	}

	/**
	 * The signature base string of RFC 5849 3.4.1: method, base string URI and the normalized parameters, each
	 * encoded and joined with {@code &}.
	 * @param method the HTTP method (upper-cased here)
	 * @param baseStringUri see {@link #baseStringUri}
	 * @param headerParams the decoded {@code Authorization} parameters; {@code realm} and {@code oauth_signature}
	 * are left out as the RFC requires
	 * @param query decoded query parameters
	 * @param form decoded form body parameters (only for an {@code application/x-www-form-urlencoded} body)
	 * @return the base string
	 */
	public static String baseString(String method, String baseStringUri, Map<String, String> headerParams,
			List<Map.Entry<String, String>> query, List<Map.Entry<String, String>> form) {
		List<String[]> encoded = new ArrayList<>();
		for (Map.Entry<String, String> entry : query) {
			encoded.add(new String[] { percentEncode(entry.getKey()), percentEncode(entry.getValue()) });
		}
		headerParams.forEach((name, value) -> {
			if (!name.equals("realm") && !name.equals("oauth_signature")) {
				encoded.add(new String[] { percentEncode(name), percentEncode(value) });
			}
		});
		for (Map.Entry<String, String> entry : form) {
			encoded.add(new String[] { percentEncode(entry.getKey()), percentEncode(entry.getValue()) });
		}
		// Sorted by encoded name, then encoded value, by byte order (all ASCII after encoding).
		Collections.sort(encoded, (left, right) -> {
			int byName = left[0].compareTo(right[0]);
			return (byName != 0) ? byName : left[1].compareTo(right[1]);
		});
		StringBuilder normalized = new StringBuilder();
		for (String[] pair : encoded) {
			if (normalized.length() > 0) {
				normalized.append('&');
			}
			normalized.append(pair[0]).append('=').append(pair[1]);
		}
		return method.toUpperCase(Locale.ROOT) + "&" + percentEncode(baseStringUri) + "&"
				+ percentEncode(normalized.toString());
	}

	/**
	 * HMAC-SHA1 of the base string with key {@code enc(consumer secret)&enc(token secret)} (RFC 5849 3.4.2).
	 * @param baseString the signature base string
	 * @param consumerSecret the client's secret
	 * @param tokenSecret the token's secret, or null/empty when there is no token yet
	 * @return the raw MAC
	 */
	public static byte[] hmacSha1(String baseString, String consumerSecret, String tokenSecret) {
		String key = percentEncode(consumerSecret) + "&" + percentEncode((tokenSecret != null) ? tokenSecret : "");
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 unavailable", ex);
		}
	}

	/** The Base64 form of {@link #hmacSha1}, as it appears (decoded) in {@code oauth_signature}. */
	public static String signature(String baseString, String consumerSecret, String tokenSecret) {
		return Base64.getEncoder().encodeToString(hmacSha1(baseString, consumerSecret, tokenSecret));
	}

	/**
	 * Whether a presented {@code oauth_signature} (already percent-decoded) is the expected MAC. Compares the raw
	 * bytes in constant time so the fake does not model a timing oracle; a value that is not Base64 never matches.
	 */
	public static boolean signatureMatches(byte[] expectedMac, String presented) {
		if (presented == null) {
			return false;
		}
		byte[] given;
		try {
			given = Base64.getDecoder().decode(presented);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(expectedMac, given);
	}

	/**
	 * RFC 5849 3.6 / RFC 3986 percent-encoding: UTF-8 bytes, only {@code A-Z a-z 0-9 - . _ ~} left as they are,
	 * everything else as {@code %XX} with upper-case hex. Written byte by byte rather than patched from
	 * {@link java.net.URLEncoder}.
	 */
	public static String percentEncode(String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		StringBuilder out = new StringBuilder(bytes.length + 8);
		for (byte b : bytes) {
			int c = b & 0xFF;
			if (isUnreserved(c)) {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
			}
		}
		return out.toString();
	}

	/**
	 * Decodes a percent-encoded header name or value. Strict: only unreserved characters and {@code %XX} escapes
	 * are allowed ({@code +} is not a space here), and the bytes must be valid UTF-8.
	 * @throws IllegalArgumentException for anything else
	 */
	static String strictDecode(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length()) {
					throw new IllegalArgumentException("truncated escape in '" + text + "'");
				}
				int high = Character.digit(text.charAt(i + 1), 16);
				int low = Character.digit(text.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					throw new IllegalArgumentException("bad escape in '" + text + "'");
				}
				bytes.write((high << 4) | low);
				i += 2;
			}
			else if (c < 128 && isUnreserved(c)) {
				bytes.write(c);
			}
			else {
				throw new IllegalArgumentException("'" + c + "' is not percent-encoded in '" + text + "'");
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException("not UTF-8: '" + text + "'", ex);
		}
	}

	private static boolean isUnreserved(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

	private static int skipWhitespace(String text, int from) {
		int at = from;
		while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
			at++;
		}
		return at;
	}

	private static int indexOfAny(String text, char first, char second) {
		int a = text.indexOf(first);
		int b = text.indexOf(second);
		if (a < 0) {
			return b;
		}
		return (b < 0) ? a : Math.min(a, b);
	}

}
