package io.github.oauthsignin.passkey;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;

/**
 * A challenge given to a browser, as kept until it answers: what checking the answer needs, and no more (Spring
 * Security's options are not serializable, and sessions and the attempt store are). Used once.
 * @param challenge the random challenge
 * @param rpId the relying party id it was given for
 * @param userHandle for adding a passkey, the account's user handle; null for signing in
 * @param expiresAt when an answer stops being accepted
 */
record PasskeyChallenge(byte[] challenge, String rpId, byte[] userHandle, Instant expiresAt) implements Serializable {

	/** The algorithms a new passkey may use, as Spring Security offers them. */
	private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(PublicKeyCredentialParameters.EdDSA,
			PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.RS256);

	boolean expired(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	/** The options of a sign-in, as they were given: a discoverable credential, user verification required. */
	PublicKeyCredentialRequestOptions requestOptions() {
		return PublicKeyCredentialRequestOptions.builder()
			.challenge(new Bytes(this.challenge))
			.rpId(this.rpId)
			.userVerification(UserVerificationRequirement.REQUIRED)
			.allowCredentials(List.of())
			.build();
	}

	/** The options of adding a passkey, as far as checking its answer needs them. */
	PublicKeyCredentialCreationOptions creationOptions(String rpName, String userName) {
		return PublicKeyCredentialCreationOptions.builder()
			.rp(PublicKeyCredentialRpEntity.builder().id(this.rpId).name(rpName).build())
			.user(ImmutablePublicKeyCredentialUserEntity.builder()
				.id(new Bytes(this.userHandle))
				.name(userName)
				.displayName(userName)
				.build())
			.challenge(new Bytes(this.challenge))
			.pubKeyCredParams(ALGORITHMS)
			.authenticatorSelection(RelyingParties.REQUIREMENTS)
			.attestation(AttestationConveyancePreference.NONE)
			.build();
	}

}
