package io.github.oauthsignin.providers.facebook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Facebook's {@code signed_request}, as Facebook builds it for its data-deletion and deauthorize callbacks, computed
 * here independently of the app's {@code SignedRequestVerifier}: {@code base64url(HMAC-SHA256(payload))}, a dot,
 * {@code base64url(payload)}.
 */
public final class SignedRequests {

	private SignedRequests() {
	}

	/**
	 * The payload with {@code issued_at} set to this moment, as Facebook sets it on a request it posts at once.
	 * @param payloadJson a JSON object without {@code issued_at}
	 */
	public static String issuedNow(String payloadJson) {
		return issuedAt(payloadJson, Instant.now());
	}

	/** The payload with {@code issued_at} set to this moment (seconds since 1970). */
	public static String issuedAt(String payloadJson, Instant at) {
		String rest = payloadJson.strip().substring(1).strip();
		return "{\"issued_at\":" + at.getEpochSecond() + (rest.equals("}") ? "" : ",") + rest;
	}

	/** A signed request without base64 padding, as Facebook sends them now. */
	public static String sign(String secret, String payloadJson) {
		return sign(secret, payloadJson, false);
	}

	/** A signed request, with or without base64 padding (both parts). */
	static String sign(String secret, String payloadJson, boolean padded) {
		String payload = encode(payloadJson, padded);
		String signature = signature(secret, payload);
		return (padded ? signature : signature.replace("=", "")) + "." + payload;
	}

	static String encode(String json, boolean padded) {
		Base64.Encoder encoder = padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	/** Padded base64url of the HMAC-SHA256 of the encoded payload. */
	static String signature(String secret, String encodedPayload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getUrlEncoder().encodeToString(mac.doFinal(encodedPayload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
