package io.github.oauthsignin.signin.oauth2;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.util.Base64URL;

/**
 * Nimbus's verifier factory plus EdDSA (Ed25519 and Ed448) on the JDK's own implementation (RFC 8032, in the JDK
 * since 15). Nimbus verifies EdDSA only through Google Tink, a 2 MB library with its own dependencies, and its key
 * selectors cannot turn an OKP key into a {@code java.security} key at all; the JDK can do both, so the app needs
 * no further library. Every other algorithm goes to Nimbus's {@link DefaultJWSVerifierFactory} unchanged.
 */
final class JdkEdDsaVerifierFactory implements JWSVerifierFactory {

	/** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), followed by the 32-byte key. */
	private static final byte[] ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

	/** The same for Ed448, followed by the 57-byte key. */
	private static final byte[] ED448_PREFIX = HexFormat.of().parseHex("3043300506032b6571033a00");

	private final DefaultJWSVerifierFactory nimbus = new DefaultJWSVerifierFactory();

	@Override
	public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
		if (JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) && key instanceof EdECPublicKey publicKey) {
			return new JdkEdDsaVerifier(publicKey, getJCAContext());
		}
		return this.nimbus.createJWSVerifier(header, key);
	}

	@Override
	public Set<JWSAlgorithm> supportedJWSAlgorithms() {
		Set<JWSAlgorithm> all = new LinkedHashSet<>(this.nimbus.supportedJWSAlgorithms());
		all.add(JWSAlgorithm.EdDSA);
		return all;
	}

	@Override
	public JCAContext getJCAContext() {
		return this.nimbus.getJCAContext();
	}

	/**
	 * The JDK public key of an Ed25519 or Ed448 JWK (RFC 8037), or empty for another curve or a malformed key.
	 */
	static Optional<PublicKey> publicKey(OctetKeyPair jwk) {
		byte[] prefix;
		int length;
		if (Curve.Ed25519.equals(jwk.getCurve())) {
			prefix = ED25519_PREFIX;
			length = 32;
		}
		else if (Curve.Ed448.equals(jwk.getCurve())) {
			prefix = ED448_PREFIX;
			length = 57;
		}
		else {
			return Optional.empty();
		}
		byte[] x = jwk.getDecodedX();
		if (x == null || x.length != length) {
			return Optional.empty();
		}
		byte[] encoded = new byte[prefix.length + length];
		System.arraycopy(prefix, 0, encoded, 0, prefix.length);
		System.arraycopy(x, 0, encoded, prefix.length, length);
		try {
			return Optional.of(KeyFactory.getInstance("EdDSA").generatePublic(new X509EncodedKeySpec(encoded)));
		}
		catch (GeneralSecurityException ex) {
			return Optional.empty();
		}
	}

	/** Verifies one EdDSA signature with the JDK's {@code Signature("EdDSA")}. */
	private static final class JdkEdDsaVerifier implements JWSVerifier {

		private final PublicKey key;

		private final JCAContext context;

		private final CriticalHeaderParamsDeferral critical = new CriticalHeaderParamsDeferral();

		JdkEdDsaVerifier(PublicKey key, JCAContext context) {
			this.key = key;
			this.context = context;
		}

		@Override
		public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
			if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) || !this.critical.headerPasses(header)) {
				return false;
			}
			try {
				Signature verifier = Signature.getInstance("EdDSA");
				verifier.initVerify(this.key);
				verifier.update(signingInput);
				return verifier.verify(signature.decode());
			}
			catch (GeneralSecurityException ex) {
				return false;
			}
		}

		@Override
		public Set<JWSAlgorithm> supportedJWSAlgorithms() {
			return Set.of(JWSAlgorithm.EdDSA);
		}

		@Override
		public JCAContext getJCAContext() {
			return this.context;
		}

	}

}
