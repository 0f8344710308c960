package io.github.oauthsignin.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;

/**
 * A passkey authenticator in software, for tests and the benchmark where no browser is: one ES256 key pair (P-256)
 * and credential id, answering a relying party's challenges as a platform authenticator would, with user presence
 * and user verification, "none" attestation, and a signature counter that goes up by one per use. The CBOR is
 * webauthn4j's; the signature the JDK's (SHA256withECDSA, DER, as WebAuthn's ES256 is).
 * <p>
 * Its answers are the JSON the app's script posts ({@code {"credential": {...}}}), as from a page of the origin given.
 */
public final class SoftwareAuthenticator {

	private static final ObjectConverter converter = new ObjectConverter();

	private static final SecureRandom random = new SecureRandom();

	private final KeyPair keys;

	private final byte[] credentialId = new byte[16];

	private final String rpId;

	private final AtomicLong counter = new AtomicLong();

	private volatile byte[] userHandle;

	public SoftwareAuthenticator(String rpId) {
		this.rpId = rpId;
		random.nextBytes(this.credentialId);
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			this.keys = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("P-256 is part of every JDK", ex);
		}
	}

	/** The credential id, base64url. */
	public String credentialId() {
		return base64Url(this.credentialId);
	}

	/**
	 * The body that registers a new passkey, answering these creation options' challenge and user handle (both
	 * base64url, as the app's options JSON carries them).
	 */
	public String register(String challenge, String userHandle, String origin) {
		this.userHandle = Base64.getUrlDecoder().decode(userHandle);
		byte flags = (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | AuthenticatorData.BIT_AT);
		AttestedCredentialData credential = new AttestedCredentialData(AAGUID.ZERO, this.credentialId,
				EC2COSEKey.create((ECPublicKey) this.keys.getPublic(), COSEAlgorithmIdentifier.ES256));
		AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authenticatorData = new AuthenticatorData<>(
				rpIdHash(this.rpId), flags, 0, credential);
		byte[] attestationObject = new AttestationObjectConverter(converter)
			.convertToBytes(new AttestationObject(authenticatorData, new NoneAttestationStatement()));
		String clientData = clientData("webauthn.create", challenge, origin);
		return "{\"credential\":{\"id\":\"" + credentialId() + "\",\"rawId\":\"" + credentialId()
				+ "\",\"type\":\"public-key\",\"authenticatorAttachment\":\"platform\",\"clientExtensionResults\":{},"
				+ "\"response\":{\"attestationObject\":\"" + base64Url(attestationObject) + "\",\"clientDataJSON\":\""
				+ base64Url(clientData.getBytes(StandardCharsets.UTF_8)) + "\",\"transports\":[\"internal\"]}}}";
	}

	/** The body that signs in with this passkey, answering a request's challenge (base64url). */
	public String signIn(String challenge, String origin) {
		return signIn(challenge, origin, this.rpId, true);
	}

	/**
	 * The body that signs in, with the RP id hash of any relying party and user verification or not: what a
	 * passkey of another site, or an authenticator that did not verify its user, would send.
	 */
	public String signIn(String challenge, String origin, String claimedRpId, boolean userVerified) {
		byte flags = (byte) (AuthenticatorData.BIT_UP | (userVerified ? AuthenticatorData.BIT_UV : 0));
		byte[] authenticatorData = new AuthenticatorDataConverter(converter)
			.convert(new AuthenticatorData<>(rpIdHash(claimedRpId), flags, this.counter.incrementAndGet()));
		byte[] clientData = clientData("webauthn.get", challenge, origin).getBytes(StandardCharsets.UTF_8);
		byte[] signature;
		try {
			Signature signer = Signature.getInstance("SHA256withECDSA");
			signer.initSign(this.keys.getPrivate());
			signer.update(authenticatorData);
			signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
			signature = signer.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("ES256 is part of every JDK", ex);
		}
		byte[] handle = this.userHandle;
		return "{\"rememberMe\":false,\"credential\":{\"id\":\"" + credentialId() + "\",\"rawId\":\"" + credentialId()
				+ "\",\"type\":\"public-key\",\"authenticatorAttachment\":\"platform\",\"clientExtensionResults\":{},"
				+ "\"response\":{\"authenticatorData\":\"" + base64Url(authenticatorData) + "\",\"clientDataJSON\":\""
				+ base64Url(clientData) + "\",\"signature\":\"" + base64Url(signature) + "\",\"userHandle\":"
				+ ((handle != null) ? "\"" + base64Url(handle) + "\"" : "null") + "}}}";
	}

	private static String clientData(String type, String challenge, String origin) {
		return "{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
				+ "\",\"crossOrigin\":false}";
	}

	private static byte[] rpIdHash(String rpId) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	private static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
