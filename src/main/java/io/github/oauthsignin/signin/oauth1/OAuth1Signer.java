package io.github.oauthsignin.signin.oauth1;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs OAuth 1.0a requests with HMAC-SHA1, as RFC 5849 section 3 describes. Twitter / X still speaks OAuth 1.0a
 * for "Log in with X", and one wrong byte in the signature base string gives a bare 401 with no hint why, so each
 * step of the algorithm is a small static method that is tested on its own against the published examples.
 * <p>
 * The signer holds the consumer (app) credentials; the token, when there is one, is passed per request because it
 * changes during the sign-in dance (none, then the request token, then the access token).
 */
final class OAuth1Signer {

	private static final String SIGNATURE_METHOD = "HMAC-SHA1";

	private static final String HMAC_SHA1 = "HmacSHA1";

	private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

	private static final Comparator<Parameter> BY_NAME_THEN_VALUE = Comparator.comparing(Parameter::name)
		.thenComparing(Parameter::value);

	private final String consumerKey;

	private final String consumerSecret;

	private final Clock clock;

	private final Supplier<String> nonces;

	/**
	 * A name/value pair, not yet encoded.
	 */
	record Parameter(String name, String value) {

		Parameter {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(value, "value");
		}

	}

	/**
	 * A token (request or access token) and its secret.
	 */
	record Token(String value, String secret) {

		Token {
			Objects.requireNonNull(value, "value");
			Objects.requireNonNull(secret, "secret");
		}

		/**
		 * Keeps the secret out of logs and exception messages.
		 */
		@Override
		public String toString() {
			return "Token[value=" + this.value + ", secret=<hidden>]";
		}

	}

	/**
	 * Production signer: the system UTC clock and 128-bit random nonces.
	 * @param consumerKey the app's consumer (API) key
	 * @param consumerSecret the app's consumer (API) secret
	 */
	OAuth1Signer(String consumerKey, String consumerSecret) {
		this(consumerKey, consumerSecret, Clock.systemUTC(), randomNonces(new SecureRandom()));
	}

	/**
	 * Signer with a chosen clock and nonce source, so tests can reproduce published signatures.
	 * @param consumerKey the app's consumer (API) key
	 * @param consumerSecret the app's consumer (API) secret
	 * @param clock gives {@code oauth_timestamp}
	 * @param nonces gives {@code oauth_nonce}, one value per request
	 */
	OAuth1Signer(String consumerKey, String consumerSecret, Clock clock, Supplier<String> nonces) {
		this.consumerKey = Objects.requireNonNull(consumerKey, "consumerKey");
		this.consumerSecret = Objects.requireNonNull(consumerSecret, "consumerSecret");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.nonces = Objects.requireNonNull(nonces, "nonces");
	}

	/**
	 * Signs one request and returns the value of its {@code Authorization} header. Every call takes a fresh nonce
	 * and the current time, because the server rejects a nonce it has seen and a timestamp too far from its own.
	 * @param method the HTTP method, e.g. {@code POST}
	 * @param uri the request URI; its query parameters are signed
	 * @param formBody the {@code application/x-www-form-urlencoded} body parameters, signed too; empty (or
	 * {@code null}) when the request has no such body
	 * @param token the request or access token, or {@code null} before there is one
	 * @param extraProtocolParameters further {@code oauth_*} parameters for this step, such as
	 * {@code oauth_callback} or {@code oauth_verifier}; may be empty (or {@code null})
	 * @return {@code OAuth k="v", ...} with every name and value percent-encoded
	 * @throws IllegalArgumentException if an extra parameter is not an {@code oauth_*} name or clashes with one the
	 * signer sets itself
	 */
	String authorizationHeader(String method, URI uri, List<Parameter> formBody, Token token,
			Map<String, String> extraProtocolParameters) {
		Map<String, String> protocol = new TreeMap<>();
		protocol.put("oauth_consumer_key", this.consumerKey);
		protocol.put("oauth_nonce", this.nonces.get());
		protocol.put("oauth_signature_method", SIGNATURE_METHOD);
		protocol.put("oauth_timestamp", Long.toString(this.clock.instant().getEpochSecond()));
		if (token != null) {
			protocol.put("oauth_token", token.value());
		}
		protocol.put("oauth_version", "1.0");
		if (extraProtocolParameters != null) {
			extraProtocolParameters.forEach((name, value) -> addExtra(protocol, name, value));
		}
		List<Parameter> signed = new ArrayList<>(queryParameters(uri));
		protocol.forEach((name, value) -> signed.add(new Parameter(name, value)));
		if (formBody != null) {
			signed.addAll(formBody);
		}
		String tokenSecret = (token != null) ? token.secret() : "";
		protocol.put("oauth_signature",
				signature(signatureBaseString(method, uri, signed), this.consumerSecret, tokenSecret));
		return protocol.entrySet()
			.stream()
			.map((entry) -> percentEncode(entry.getKey()) + "=\"" + percentEncode(entry.getValue()) + "\"")
			.collect(Collectors.joining(", ", "OAuth ", ""));
	}

	private static void addExtra(Map<String, String> protocol, String name, String value) {
		if (!name.startsWith("oauth_") || name.equals("oauth_signature")) {
			throw new IllegalArgumentException("Not an extra OAuth protocol parameter: " + name);
		}
		if (protocol.putIfAbsent(name, Objects.requireNonNull(value, name)) != null) {
			throw new IllegalArgumentException("The signer sets " + name + " itself");
		}
	}

	/**
	 * RFC 5849 3.6 percent-encoding: the UTF-8 bytes, with only {@code A-Z a-z 0-9 - . _ ~} left as they are and
	 * every other byte as {@code %XX} in upper-case hex. Not {@link java.net.URLEncoder}: that writes a space as
	 * {@code +} and leaves {@code *} alone, and either would break the signature.
	 * @param value the text to encode
	 * @return the encoded text
	 */
	static String percentEncode(String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		StringBuilder encoded = new StringBuilder(bytes.length * 3);
		for (byte b : bytes) {
			int c = b & 0xFF;
			if (isUnreserved(c)) {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0xF]);
			}
		}
		return encoded.toString();
	}

	private static boolean isUnreserved(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

	/**
	 * RFC 5849 3.4.1.2 base string URI: scheme and host in lower case, the port only when it is not the scheme's
	 * default, and the path as sent; no user info, query or fragment. It must name the resource exactly as the
	 * server sees it.
	 * @param uri an absolute request URI
	 * @return the base string URI, not yet encoded
	 */
	static String baseStringUri(URI uri) {
		if (uri.getScheme() == null || uri.getHost() == null) {
			throw new IllegalArgumentException("Not an absolute http(s) URI: " + uri);
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		StringBuilder result = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
		int port = uri.getPort();
		boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
				|| (scheme.equals("https") && port == 443);
		if (!defaultPort) {
			result.append(':').append(port);
		}
		String path = uri.getRawPath();
		result.append((path == null || path.isEmpty()) ? "/" : path);
		return result.toString();
	}

	/**
	 * The query parameters of a URI, decoded as {@code application/x-www-form-urlencoded}, in order. Read from the
	 * raw query, because an encoded {@code &} or {@code =} inside a value must not split it.
	 * @param uri the request URI
	 * @return the decoded parameters; empty when there is no query
	 */
	static List<Parameter> queryParameters(URI uri) {
		return decodeForm(uri.getRawQuery());
	}

	/**
	 * The parameters of an {@code application/x-www-form-urlencoded} body, decoded, in order.
	 * @param body the body as sent; may be empty or {@code null}
	 * @return the decoded parameters
	 */
	static List<Parameter> formParameters(String body) {
		return decodeForm(body);
	}

	private static List<Parameter> decodeForm(String encoded) {
		List<Parameter> parameters = new ArrayList<>();
		if (encoded == null || encoded.isEmpty()) {
			return parameters;
		}
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			String value = (equals >= 0) ? pair.substring(equals + 1) : "";
			parameters.add(new Parameter(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8)));
		}
		return parameters;
	}

	/**
	 * RFC 5849 3.4.1.3.2 parameter normalization: encode every name and value first, then sort by encoded name and
	 * then encoded value (sorting before encoding gives a different order for some characters), and join
	 * {@code name=value} pairs with {@code &}. An empty value keeps its {@code =}.
	 * @param parameters all signed parameters, not yet encoded
	 * @return the normalized parameter string
	 */
	static String normalizedParameters(List<Parameter> parameters) {
		return parameters.stream()
			.map((parameter) -> new Parameter(percentEncode(parameter.name()), percentEncode(parameter.value())))
			.sorted(BY_NAME_THEN_VALUE)
			.map((parameter) -> parameter.name() + "=" + parameter.value())
			.collect(Collectors.joining("&"));
	}

	/**
	 * RFC 5849 3.4.1 signature base string: the upper-case method, the encoded base string URI and the encoded
	 * normalized parameters, joined with {@code &}.
	 * @param method the HTTP method
	 * @param uri the request URI (only its base string URI is used here)
	 * @param parameters every signed parameter: query, protocol (except {@code oauth_signature}) and form body
	 * @return the text that gets signed
	 */
	static String signatureBaseString(String method, URI uri, List<Parameter> parameters) {
		return method.toUpperCase(Locale.ROOT) + "&" + percentEncode(baseStringUri(uri)) + "&"
				+ percentEncode(normalizedParameters(parameters));
	}

	/**
	 * RFC 5849 3.4.2 HMAC-SHA1: the Base64 HMAC-SHA1 of the base string, keyed with the encoded consumer secret and
	 * the encoded token secret joined by {@code &}. The {@code &} stays even when there is no token secret yet.
	 * @param baseString the signature base string
	 * @param consumerSecret the consumer secret
	 * @param tokenSecret the token secret, or {@code ""} when there is no token
	 * @return the signature, Base64 with padding
	 */
	static String signature(String baseString, String consumerSecret, String tokenSecret) {
		String key = percentEncode(consumerSecret) + "&" + percentEncode((tokenSecret != null) ? tokenSecret : "");
		try {
			Mac mac = Mac.getInstance(HMAC_SHA1);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
			return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 is not available", ex);
		}
	}

	private static Supplier<String> randomNonces(SecureRandom random) {
		return () -> {
			byte[] bytes = new byte[16];
			random.nextBytes(bytes);
			return HexFormat.of().formatHex(bytes);
		};
	}

}
