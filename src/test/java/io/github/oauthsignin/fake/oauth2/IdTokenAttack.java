package io.github.oauthsignin.fake.oauth2;

/**
 * A forged or broken ID token the {@link Flavour#OIDC} fake issues once, after
 * {@link FakeOAuth2Provider#attackNextIdToken(IdTokenAttack)}, so that tests can prove the client refuses each of
 * the checks OpenID Connect Core §3.1.3.7 asks for. Everything else about the token stays right, so that the one
 * broken check is the only reason to refuse it.
 */
public enum IdTokenAttack {

	/** Signed by another RSA key under the JWKS key's {@code kid}: the signature does not verify. */
	BAD_SIGNATURE,

	/** {@code "alg":"none"} and an empty signature (pac4j CVE-2021-44878 accepted those). */
	ALG_NONE,

	/** Signed by a key that is not in the JWKS, under a {@code kid} that is not there either. */
	UNKNOWN_KID,

	/** {@code iss} is another issuer ({@code https://attacker.example} plus the issuer path). */
	WRONG_ISSUER,

	/** {@code aud} is another client only. */
	WRONG_AUDIENCE,

	/** {@code aud} is the client and another one, and there is no {@code azp}. */
	EXTRA_AUDIENCE_WITHOUT_AZP,

	/** {@code aud} is the client and another one, and {@code azp} names the other one. */
	WRONG_AZP,

	/** {@code exp} ten minutes ago ({@code iat} 70 minutes ago): beyond any reasonable clock skew. */
	EXPIRED,

	/** {@code iat} five minutes from now: beyond any reasonable clock skew. */
	ISSUED_IN_FUTURE,

	/** No {@code nonce} although the authorization request sent one. */
	MISSING_NONCE,

	/** A {@code nonce} other than the authorization request's. */
	WRONG_NONCE,

	/**
	 * {@code "alg":"HS256"}, the MAC keyed with the client secret: a client that takes the algorithm from the token
	 * and has the secret at hand would accept it, though the provider announced RS256 only.
	 */
	HS256_WITH_CLIENT_SECRET,

	/**
	 * Signed with an algorithm the issuer's discovery does not list for ID tokens (ES256, or PS256 when the issuer
	 * signs with ES256), by a key the JWK Set does publish: a client that accepts whatever algorithm its keys allow
	 * would accept it.
	 */
	ALGORITHM_NOT_LISTED

}
