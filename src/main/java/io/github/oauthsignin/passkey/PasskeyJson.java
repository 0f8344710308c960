package io.github.oauthsignin.passkey;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;

/**
 * What the passkey script and the app say to each other, in the JSON of the WebAuthn spec as Spring Security's
 * Jackson module writes and reads it. A browser posts either a credential ({@code {"credential": {…}}}) or what went
 * wrong in it ({@code {"error": "NotAllowedError"}}); the app answers with where to go next
 * ({@code {"redirect": "/account"}}), having left a message there. Bodies past {@value #MAX_BODY} bytes are not read.
 */
final class PasskeyJson {

	/** Far more than any credential a browser sends (a few kilobytes with an attestation). */
	static final int MAX_BODY = 64 * 1024;

	private static final JsonMapper mapper = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

	private static final TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>> ASSERTION = new TypeReference<>() {
	};

	private static final TypeReference<PublicKeyCredential<AuthenticatorAttestationResponse>> ATTESTATION = new TypeReference<>() {
	};

	private PasskeyJson() {
	}

	/** Options (or anything else) for the script. */
	static ResponseEntity<String> answer(Object body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(mapper.writeValueAsString(body));
	}

	/** Where the script sends the browser now. */
	static ResponseEntity<String> redirect(String path) {
		return answer(Map.of("redirect", path));
	}

	/** The posted body, when it is JSON no larger than the limit. */
	static Optional<Posted> read(HttpServletRequest request) {
		try (InputStream body = request.getInputStream()) {
			byte[] bytes = body.readNBytes(MAX_BODY + 1);
			if (bytes.length > MAX_BODY) {
				return Optional.empty();
			}
			JsonNode tree = mapper.readTree(bytes);
			return (tree != null && tree.isObject()) ? Optional.of(new Posted(tree)) : Optional.empty();
		}
		catch (IOException | JacksonException ex) {
			return Optional.empty();
		}
	}

	/** A posted body. */
	record Posted(JsonNode tree) {

		/** The name of the browser's error (a DOMException's), when the script reports one. */
		Optional<String> error() {
			JsonNode error = this.tree.get("error");
			return (error != null && error.isString()) ? Optional.of(error.asString()) : Optional.empty();
		}

		/** A label the person gave, if any. */
		Optional<String> label() {
			JsonNode label = this.tree.get("label");
			return (label != null && label.isString()) ? Optional.of(label.asString()) : Optional.empty();
		}

		/** The credential of a sign-in, when well formed. */
		Optional<PublicKeyCredential<AuthenticatorAssertionResponse>> assertion() {
			return credential(ASSERTION);
		}

		/** The credential a registration made, when well formed. */
		Optional<PublicKeyCredential<AuthenticatorAttestationResponse>> attestation() {
			return credential(ATTESTATION);
		}

		private <T> Optional<T> credential(TypeReference<T> type) {
			JsonNode credential = this.tree.get("credential");
			if (credential == null || !credential.isObject()) {
				return Optional.empty();
			}
			try {
				return Optional.ofNullable(mapper.treeToValue(credential, mapper.constructType(type)));
			}
			catch (JacksonException | IllegalArgumentException ex) {
				return Optional.empty();
			}
		}

	}

	/**
	 * The challenge a credential answers, as its client data says (base64url): what names the challenge kept for
	 * it. Only a lookup key: the relying party operations check the whole client data against the challenge kept.
	 */
	static Optional<String> challengeOf(byte[] clientDataJson) {
		try {
			JsonNode challenge = mapper.readTree(clientDataJson).get("challenge");
			return (challenge != null && challenge.isString()) ? Optional.of(challenge.asString())
					: Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	/** Bytes as base64url without padding, as WebAuthn writes them. */
	static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
