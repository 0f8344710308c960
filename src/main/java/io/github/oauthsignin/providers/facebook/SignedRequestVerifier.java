package io.github.oauthsignin.providers.facebook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a Facebook {@code signed_request}, as Facebook posts it to the data-deletion and deauthorize callbacks,
 * and reads whom it is about and when it was issued (whether it is fresh, and new, is {@link SeenSignedRequests}'
 * to say).
 * <p>
 * The format is {@code base64url(signature) "." base64url(payload)}, where the payload is JSON with at least
 * {@code "algorithm": "HMAC-SHA256"}, {@code user_id} and {@code issued_at} (seconds since 1970), and the signature
 * is the HMAC-SHA256 of the
 * <em>encoded</em> payload, exactly as sent, keyed with the app secret. Both parts may come with or without
 * base64 padding; the signature covers whichever was sent.
 * <p>
 * The signature is checked first, in constant time, and only a payload it vouches for is decoded and parsed:
 * nobody without the app secret gets their JSON read.
 */
final class SignedRequestVerifier {

	/** Far more than Facebook's few hundred characters; longer is not a signed request. */
	static final int MAX_LENGTH = 8192;

	static final String ALGORITHM = "HMAC-SHA256";

	private static final String MAC = "HmacSHA256";

	/** Facebook user ids (app-scoped or not) are decimal numbers; social ids keep them as text. */
	private static final Pattern USER_ID = Pattern.compile("[0-9]{1,48}");

	/** The year 9999: beyond it, {@code issued_at} is not a time. */
	private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final SecretKeySpec key;

	/** @param appSecret the Facebook app secret (the {@code client-secret} of the {@code facebook} registration) */
	SignedRequestVerifier(String appSecret) {
		if (appSecret == null || appSecret.isEmpty()) {
			throw new IllegalArgumentException("The Facebook app secret is empty");
		}
		this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), MAC);
	}

	/**
	 * What a signed request says.
	 * @param signedRequest the {@code signed_request} form field as posted, possibly null
	 * @throws InvalidSignedRequestException when it is missing, malformed, not signed with the app secret, not
	 * HMAC-SHA256, names no user or says no time
	 */
	SignedRequest verify(String signedRequest) {
		if (signedRequest == null || signedRequest.isEmpty()) {
			throw new InvalidSignedRequestException("it is missing or empty");
		}
		if (signedRequest.length() > MAX_LENGTH) {
			throw new InvalidSignedRequestException("it is longer than " + MAX_LENGTH + " characters");
		}
		int dot = signedRequest.indexOf('.');
		if (dot <= 0 || dot == signedRequest.length() - 1 || signedRequest.indexOf('.', dot + 1) >= 0) {
			throw new InvalidSignedRequestException("it is not two parts joined by a dot");
		}
		String encodedPayload = signedRequest.substring(dot + 1);
		byte[] signature = decode(signedRequest.substring(0, dot), "signature");
		if (!MessageDigest.isEqual(sign(encodedPayload), signature)) {
			throw new InvalidSignedRequestException("the signature does not match");
		}
		JsonNode payload = parse(decode(encodedPayload, "payload"));
		JsonNode algorithm = payload.path("algorithm");
		if (!algorithm.isString() || !ALGORITHM.equalsIgnoreCase(algorithm.stringValue())) {
			throw new InvalidSignedRequestException("the algorithm is not " + ALGORITHM);
		}
		return new SignedRequest(userIdOf(payload.path("user_id")), issuedAtOf(payload.path("issued_at")),
				encodedPayload);
	}

	/** Seconds since 1970, as a number. */
	private static Instant issuedAtOf(JsonNode node) {
		if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0
				|| node.longValue() > MAX_EPOCH_SECOND) {
			throw new InvalidSignedRequestException("the payload says no issued_at");
		}
		return Instant.ofEpochSecond(node.longValue());
	}

	private byte[] sign(String encodedPayload) {
		try {
			Mac mac = Mac.getInstance(MAC);
			mac.init(this.key);
			return mac.doFinal(encodedPayload.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** Base64url, padded or not; the JDK's decoder accepts both and refuses anything else. */
	private static byte[] decode(String part, String name) {
		try {
			return Base64.getUrlDecoder().decode(part);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSignedRequestException("the " + name + " is not base64url");
		}
	}

	private static JsonNode parse(byte[] payload) {
		JsonNode node;
		try {
			node = json.readTree(payload);
		}
		catch (RuntimeException ex) {
			throw new InvalidSignedRequestException("the payload is not JSON");
		}
		if (node == null || !node.isObject()) {
			throw new InvalidSignedRequestException("the payload is not a JSON object");
		}
		return node;
	}

	/** Facebook sends {@code user_id} as a string, and in older payloads as a number: both are taken. */
	private static String userIdOf(JsonNode node) {
		String userId = null;
		if (node.isString()) {
			userId = node.stringValue();
		}
		else if (node.isIntegralNumber()) {
			userId = node.bigIntegerValue().toString();
		}
		if (userId == null || !USER_ID.matcher(userId).matches()) {
			throw new InvalidSignedRequestException("the payload names no user_id");
		}
		return userId;
	}

	/**
	 * A verified {@code signed_request}.
	 * @param userId the Facebook user id it is about
	 * @param issuedAt when Facebook issued it
	 * @param signedPayload its payload exactly as signed (base64url): what tells one request from another
	 */
	record SignedRequest(String userId, Instant issuedAt, String signedPayload) {
	}

	/**
	 * A {@code signed_request} that is not to be acted on. The message says why, for the log; it never repeats
	 * the request.
	 */
	static final class InvalidSignedRequestException extends RuntimeException {

		InvalidSignedRequestException(String reason) {
			super("Invalid signed_request: " + reason);
		}

	}

}
