package io.github.oauthsignin.signin.oauth2;

import java.security.Key;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.CurveBasedJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Nimbus's key selector for the issuer's accepted algorithms ({@link IdTokenAlgorithms}), on Spring's JWK source
 * (the issuer's JWK Set, fetched with the app's HTTP client, fetched again when a token names a key it does not
 * hold). Two additions: EdDSA keys (OKP, Ed25519 or Ed448), which Nimbus's selector cannot hand over as
 * {@code java.security} keys, become JDK keys ({@link JdkEdDsaVerifierFactory}); and when the key set holds no key
 * that any accepted algorithm could use, it says so ({@link UnusableKeySetException}): the issuer, or the
 * configured {@code jwk-set-uri}, is not set up correctly, which no token could be blamed for.
 */
final class IdTokenKeySelector extends JWSVerificationKeySelector<SecurityContext> {

	private final IdTokenAlgorithms algorithms;

	private final String jwkSetUri;

	IdTokenKeySelector(IdTokenAlgorithms algorithms, String jwkSetUri, JWKSource<SecurityContext> keys) {
		super(algorithms.accepted(), keys);
		this.algorithms = algorithms;
		this.jwkSetUri = jwkSetUri;
	}

	@Override
	public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
		if (!isAllowed(header.getAlgorithm())) {
			return List.of();
		}
		List<Key> keys = JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) ? edDsaKeys(header, context)
				: List.copyOf(super.selectJWSKeys(header, context));
		if (keys.isEmpty()) {
			requireUsableKey(context);
		}
		return keys;
	}

	private List<Key> edDsaKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
		JWKMatcher matcher = new JWKMatcher.Builder().keyType(KeyType.OKP)
			.keyID(header.getKeyID())
			.keyUses(KeyUse.SIGNATURE, null)
			.algorithms(JWSAlgorithm.EdDSA, null)
			.curves(Curve.Ed25519, Curve.Ed448)
			.build();
		return getJWKSource().get(new JWKSelector(matcher), context)
			.stream()
			.filter(OctetKeyPair.class::isInstance)
			.map((jwk) -> JdkEdDsaVerifierFactory.publicKey((OctetKeyPair) jwk))
			.flatMap(Optional::stream)
			.map(Key.class::cast)
			.toList();
	}

	/**
	 * A token whose key is not in the set may be forged (or signed by a key the issuer has not published yet); a
	 * set without any key for the accepted algorithms cannot verify any token at all.
	 */
	private void requireUsableKey(SecurityContext context) throws KeySourceException {
		List<JWK> all = getJWKSource().get(new JWKSelector(new JWKMatcher.Builder().build()), context);
		if (all.stream().noneMatch(this.algorithms::canVerifyWith)) {
			throw new UnusableKeySetException("the JWK Set at " + this.jwkSetUri
					+ " holds no key that can verify an ID token signed with " + this.algorithms.describeAccepted()
					+ " (it holds " + describe(all) + ")");
		}
	}

	private static String describe(List<JWK> keys) {
		if (keys.isEmpty()) {
			return "no key";
		}
		return keys.stream().map((key) -> key.getKeyType() + ((key instanceof CurveBasedJWK curved)
				? " " + curved.getCurve() : "")
				+ ((key.getKeyUse() != null) ? " for " + key.getKeyUse().identifier() : "")
				+ ((key.getAlgorithm() != null) ? " alg " + key.getAlgorithm() : "")
				+ ((key.getKeyID() != null) ? " kid " + key.getKeyID() : "")).collect(Collectors.joining("; "));
	}

	/**
	 * The issuer's JWK Set holds no key for any accepted algorithm: a misconfiguration, not an attack.
	 */
	static final class UnusableKeySetException extends KeySourceException {

		UnusableKeySetException(String message) {
			super(message);
		}

	}

}
