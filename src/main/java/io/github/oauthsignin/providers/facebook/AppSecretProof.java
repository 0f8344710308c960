package io.github.oauthsignin.providers.facebook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Facebook's {@code appsecret_proof}: the lower-case hex HMAC-SHA256 of the access token, keyed with the app
 * secret. Sent with every Graph API call, it shows the call comes from the app's server and not from someone
 * holding a stolen token.
 */
final class AppSecretProof {

	private AppSecretProof() {
	}

	static String of(String appSecret, String accessToken) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(accessToken.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
