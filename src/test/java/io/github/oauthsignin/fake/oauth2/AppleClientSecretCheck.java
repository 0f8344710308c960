package io.github.oauthsignin.fake.oauth2;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the Apple stand-in checks a client secret, as Apple documents it: a compact JWS, {@code alg} ES256 with the
 * signature in its JOSE form (R and S, 64 bytes; a DER signature is refused), {@code kid} the registered key's id,
 * verified with that key's public half; {@code iss} the team id, {@code sub} the client id, {@code aud}
 * {@code https://appleid.apple.com}, {@code iat} not in the future, {@code exp} not past and at most six months after
 * {@code iat}. Written with {@code java.security} alone: it shares nothing with the app's Nimbus signer.
 */
public final class AppleClientSecretCheck {

	static final String AUDIENCE = "https://appleid.apple.com";

	static final Duration MAX_LIFETIME = Duration.ofDays(183);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String teamId;

	private final String keyId;

	private final String clientId;

	private final ECPublicKey key;

	public AppleClientSecretCheck(String teamId, String keyId, String clientId, ECPublicKey key) {
		this.teamId = teamId;
		this.keyId = keyId;
		this.clientId = clientId;
		this.key = key;
	}

	/** Why this client secret is refused, or null when it is good now. */
	public String problem(String secret, Instant now) {
		if (secret == null) {
			return "no client_secret";
		}
		String[] parts = secret.split("\\.", -1);
		if (parts.length != 3) {
			return "client_secret is not a compact JWS";
		}
		Map<?, ?> header;
		Map<?, ?> claims;
		byte[] signature;
		try {
			Base64.Decoder base64 = Base64.getUrlDecoder();
			header = JSON.readValue(base64.decode(parts[0]), Map.class);
			claims = JSON.readValue(base64.decode(parts[1]), Map.class);
			signature = base64.decode(parts[2]);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return "client_secret is unreadable";
		}
		if (!"ES256".equals(header.get("alg"))) {
			return "client_secret alg is not ES256: " + header.get("alg");
		}
		if (!this.keyId.equals(header.get("kid"))) {
			return "client_secret kid is not the registered key's: " + header.get("kid");
		}
		if (signature.length != 64 || !verifies(parts[0] + "." + parts[1], signature)) {
			return "client_secret signature does not verify (ES256, R and S side by side)";
		}
		if (!this.teamId.equals(claims.get("iss"))) {
			return "client_secret iss is not the team id";
		}
		if (!this.clientId.equals(claims.get("sub"))) {
			return "client_secret sub is not the client id";
		}
		Object audience = claims.get("aud");
		if (!(AUDIENCE.equals(audience) || (audience instanceof List<?> list && list.contains(AUDIENCE)))) {
			return "client_secret aud is not " + AUDIENCE;
		}
		if (!(claims.get("iat") instanceof Number iat) || !(claims.get("exp") instanceof Number exp)) {
			return "client_secret lacks iat or exp";
		}
		if (iat.longValue() > now.plusSeconds(60).getEpochSecond()) {
			return "client_secret issued in the future";
		}
		if (exp.longValue() <= now.getEpochSecond()) {
			return "client_secret expired";
		}
		if (exp.longValue() - iat.longValue() > MAX_LIFETIME.toSeconds()) {
			return "client_secret lives longer than six months";
		}
		return null;
	}

	private boolean verifies(String input, byte[] signature) {
		try {
			Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
			verifier.initVerify(this.key);
			verifier.update(input.getBytes(StandardCharsets.US_ASCII));
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
