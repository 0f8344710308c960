package io.github.oauthsignin.signin.oauth2;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestOperations;

/**
 * Decodes and validates ID tokens the way Spring's {@link OidcIdTokenDecoderFactory} does, with two differences:
 * the issuer's keys (its JWKS) are fetched with the app's HTTP client and its time limits, not a client without
 * any, and each registration's decoder is made once and kept, with the keys it has fetched, instead of once per
 * sign-in.
 * <p>
 * The checks are Spring's own: the signature must verify with one of the issuer's keys, chosen by {@code kid},
 * with RS256 and nothing else (so {@code alg=none} and an HMAC signed with the client secret are refused; an
 * unknown {@code kid} makes it fetch the keys once more, then refuse); then {@link OidcIdTokenValidator}: {@code iss}
 * equal to the issuer, {@code aud} containing the client id, {@code azp} when present or needed, {@code exp} and
 * {@code iat} within 60 s, with the default JWT validators (timestamps, {@code typ}).
 */
final class IdTokenDecoders implements JwtDecoderFactory<ClientRegistration> {

	private final RestOperations http;

	private final Map<String, Cached> decoders = new ConcurrentHashMap<>();

	IdTokenDecoders(RestOperations http) {
		this.http = http;
	}

	@Override
	public JwtDecoder createDecoder(ClientRegistration registration) {
		String jwkSetUri = registration.getProviderDetails().getJwkSetUri();
		Cached cached = this.decoders.get(registration.getRegistrationId());
		if (cached == null || !cached.jwkSetUri().equals(jwkSetUri)) {
			cached = new Cached(jwkSetUri, decoder(registration, jwkSetUri));
			this.decoders.put(registration.getRegistrationId(), cached);
		}
		return cached.decoder();
	}

	private JwtDecoder decoder(ClientRegistration registration, String jwkSetUri) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.restOperations(this.http)
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new OidcIdTokenValidator(registration)));
		decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
		return decoder;
	}

	/** A decoder and the key set address it was made for (discovery may change it). */
	private record Cached(String jwkSetUri, JwtDecoder decoder) {
	}

}
