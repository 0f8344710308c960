package io.github.oauthsignin.signin.oauth2;

import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTParser;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestOperations;

/**
 * Decodes and validates ID tokens the way Spring's {@link OidcIdTokenDecoderFactory} does, with three differences:
 * the issuer's keys (its JWKS) are fetched with the app's HTTP client and its time limits, not a client without
 * any; each registration's decoder is made once and kept, with the keys it has fetched, instead of once per
 * sign-in; and it accepts every asymmetric algorithm the issuer lists for ID tokens, where Spring's factory
 * accepts one per registration (RS256 unless told otherwise).
 * <p>
 * The checks are Spring's and Nimbus's own: the signature must verify with one of the issuer's keys, chosen by
 * {@code kid}, under one of the accepted algorithms ({@link IdTokenAlgorithms}: what the issuer's discovery lists in
 * {@code id_token_signing_alg_values_supported}, asymmetric only, so that {@code alg=none} and an HMAC signed with
 * the client secret are refused; EdDSA through {@link JdkEdDsaVerifierFactory}); an unknown {@code kid} makes it
 * fetch the keys once more, then refuse. Then {@link OidcIdTokenValidator}: {@code iss} equal to the issuer,
 * {@code aud} containing the client id, {@code azp} when present or needed, {@code exp} and {@code iat} within 60 s,
 * with the default JWT validators (timestamps, {@code typ}). A refused signature's message names the token's
 * algorithm and the accepted ones.
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
		IdTokenAlgorithms algorithms = IdTokenAlgorithms
			.of(registration.getProviderDetails().getConfigurationMetadata());
		Cached cached = this.decoders.get(registration.getRegistrationId());
		if (cached == null || !cached.jwkSetUri().equals(jwkSetUri) || !cached.algorithms().equals(algorithms)) {
			cached = new Cached(jwkSetUri, algorithms, decoder(registration, jwkSetUri, algorithms));
			this.decoders.put(registration.getRegistrationId(), cached);
		}
		return cached.decoder();
	}

	private JwtDecoder decoder(ClientRegistration registration, String jwkSetUri, IdTokenAlgorithms algorithms) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
			.restOperations(this.http)
			.jwtProcessorCustomizer((processor) -> {
				@SuppressWarnings("unchecked")
				JWSVerificationKeySelector<SecurityContext> spring = (JWSVerificationKeySelector<SecurityContext>) processor
					.getJWSKeySelector();
				processor.setJWSKeySelector(new IdTokenKeySelector(algorithms, jwkSetUri, spring.getJWKSource()));
				processor.setJWSVerifierFactory(new JdkEdDsaVerifierFactory());
			})
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new OidcIdTokenValidator(registration)));
		decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
		return (token) -> {
			try {
				return decoder.decode(token);
			}
			catch (JwtValidationException ex) {
				throw ex;
			}
			catch (JwtException ex) {
				throw new JwtException(signedWith(token, algorithms) + ": "
						+ ex.getMessage().replace("An error occurred while attempting to decode the Jwt: ", ""), ex);
			}
		};
	}

	/** What the token says it is signed with, beside what is accepted, for the log (never the token itself). */
	private static String signedWith(String token, IdTokenAlgorithms algorithms) {
		String algorithm;
		String keyId;
		try {
			Header header = JWTParser.parse(token).getHeader();
			algorithm = header.getAlgorithm().getName();
			keyId = (header instanceof JWSHeader jws) ? jws.getKeyID() : null;
		}
		catch (ParseException ex) {
			return "the token's header is unreadable";
		}
		boolean accepted = algorithms.accepted().contains(JWSAlgorithm.parse(algorithm));
		return "signed with " + algorithm + ((keyId != null) ? " (kid " + keyId + ")" : "")
				+ (accepted ? ", among" : ", not among") + " those accepted from this issuer: "
				+ algorithms.describeAccepted()
				+ (algorithms.listed().isEmpty() ? " (no discovery: the default)"
						: " (discovery lists " + String.join(", ", algorithms.listed()) + ")");
	}

	/** A decoder, and the key set address and algorithms it was made for (discovery may change them). */
	private record Cached(String jwkSetUri, IdTokenAlgorithms algorithms, JwtDecoder decoder) {
	}

}
