package io.github.oauthsignin.signin.oauth2;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The signing algorithms an issuer's ID tokens may use: those its discovery document lists in
 * {@code id_token_signing_alg_values_supported} that are asymmetric (RSA PKCS #1 and PSS, ECDSA on the NIST curves,
 * EdDSA), or RS256 alone for a registration without a discovery document (OpenID Connect's default). {@code none}
 * and the HMAC algorithms are never accepted, whatever the issuer lists: an HMAC would be keyed by the client
 * secret, which anyone holding it could sign with.
 * @param accepted the accepted algorithms, in the issuer's order; empty when it lists none that is accepted
 * @param listed what the issuer listed, for the log, or empty without a discovery document
 */
record IdTokenAlgorithms(Set<JWSAlgorithm> accepted, List<String> listed) {

	/** The discovery field that lists the ID token signing algorithms (OpenID Connect Discovery 1.0, section 3). */
	static final String DISCOVERY_FIELD = "id_token_signing_alg_values_supported";

	/** Every algorithm the app can accept for an ID token. */
	static final Set<JWSAlgorithm> ASYMMETRIC = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
			JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384,
			JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA)));

	IdTokenAlgorithms {
		accepted = Collections.unmodifiableSet(new LinkedHashSet<>(accepted));
		listed = List.copyOf(listed);
	}

	/** The algorithms accepted for a registration with this discovery metadata (empty without discovery). */
	static IdTokenAlgorithms of(Map<String, Object> metadata) {
		if (metadata == null || !(metadata.get(DISCOVERY_FIELD) instanceof Collection<?> values)) {
			return new IdTokenAlgorithms(Set.of(JWSAlgorithm.RS256), List.of());
		}
		List<String> listed = values.stream().map(String::valueOf).toList();
		Set<JWSAlgorithm> accepted = listed.stream()
			.map(JWSAlgorithm::parse)
			.filter(ASYMMETRIC::contains)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		return new IdTokenAlgorithms(accepted, listed);
	}

	/** Whether this key could verify an ID token signed with one of the accepted algorithms. */
	boolean canVerifyWith(JWK key) {
		if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
			return false;
		}
		JWSAlgorithm named = (key.getAlgorithm() != null) ? JWSAlgorithm.parse(key.getAlgorithm().getName()) : null;
		return this.accepted.stream()
			.filter((algorithm) -> named == null || named.equals(algorithm))
			.anyMatch((algorithm) -> fits(key, algorithm));
	}

	private static boolean fits(JWK key, JWSAlgorithm algorithm) {
		if (key instanceof RSAKey) {
			return JWSAlgorithm.Family.RSA.contains(algorithm);
		}
		if (key instanceof ECKey ec) {
			return JWSAlgorithm.Family.EC.contains(algorithm) && Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve());
		}
		if (key instanceof OctetKeyPair okp) {
			return JWSAlgorithm.EdDSA.equals(algorithm)
					&& (Curve.Ed25519.equals(okp.getCurve()) || Curve.Ed448.equals(okp.getCurve()));
		}
		return false;
	}

	/** "RS256, ES256", or "none" when empty. */
	String describeAccepted() {
		return this.accepted.isEmpty() ? "none"
				: this.accepted.stream().map(JWSAlgorithm::getName).collect(Collectors.joining(", "));
	}

}
