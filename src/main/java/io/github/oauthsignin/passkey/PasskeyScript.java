package io.github.oauthsignin.passkey;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.core.io.ClassPathResource;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The passkey script's Subresource Integrity hash, in every page's model as {@code passkeyScriptIntegrity} for its
 * {@code <script integrity>}: the browser runs only these very bytes. (Its URL carries a hash of its content too,
 * through the static files' resource chain.)
 */
@ControllerAdvice
class PasskeyScript {

	static final String LOCATION = "static/js/passkeys.js";

	private final String integrity;

	PasskeyScript() {
		try (InputStream script = new ClassPathResource(LOCATION).getInputStream()) {
			byte[] digest = MessageDigest.getInstance("SHA-384").digest(script.readAllBytes());
			this.integrity = "sha384-" + Base64.getEncoder().encodeToString(digest);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The passkey script is part of the app", ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-384 is part of every JDK", ex);
		}
	}

	/** Such as {@code sha384-…}. */
	@ModelAttribute("passkeyScriptIntegrity")
	String integrity() {
		return this.integrity;
	}

}
