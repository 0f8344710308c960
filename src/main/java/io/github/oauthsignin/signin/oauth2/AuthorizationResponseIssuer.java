package io.github.oauthsignin.signin.oauth2;

import java.util.Map;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

import io.github.oauthsignin.signin.LogSanitizer;
import io.github.oauthsignin.signin.NoPendingSignInException;

/**
 * RFC 9207, the authorization server's issuer identifier in the authorization response: a defence against mix-up
 * attacks, where a callback carries a code from another provider than the one the attempt was started with (Spring
 * Security does not check it).
 * <ul>
 * <li>A provider whose discovery document says {@code authorization_response_iss_parameter_supported: true} must send
 * {@code iss}: a callback without it is refused.</li>
 * <li>An {@code iss} that is sent must equal the provider's issuer exactly, whether it advertises the parameter or
 * not (section 2.4); a provider without an issuer (plain OAuth 2) has nothing to compare it with.</li>
 * </ul>
 * A refused callback is taken as forged, like one without a matching attempt, before anything it says is used and
 * before the code is exchanged.
 */
final class AuthorizationResponseIssuer {

	static final String PARAMETER = "iss";

	static final String SUPPORTED = "authorization_response_iss_parameter_supported";

	private AuthorizationResponseIssuer() {
	}

	/**
	 * @param registration the provider's registration, with its discovery document's metadata when it has one
	 * @param parameters the callback's parameters
	 * @throws NoPendingSignInException when {@code iss} is missing though advertised, or is another issuer
	 */
	static void check(ClientRegistration registration, Map<String, String> parameters) {
		ClientRegistration.ProviderDetails provider = registration.getProviderDetails();
		String issuer = parameters.get(PARAMETER);
		if (issuer == null) {
			if (advertised(provider.getConfigurationMetadata())) {
				throw new NoPendingSignInException(registration.getRegistrationId(), "the callback carries no iss, "
						+ "which this provider says it always sends (RFC 9207): a mix-up or a forged callback");
			}
			return;
		}
		String expected = provider.getIssuerUri();
		if (expected != null && !expected.equals(issuer)) {
			throw new NoPendingSignInException(registration.getRegistrationId(),
					"the callback's iss '" + LogSanitizer.oneLine(issuer) + "' is not this provider's issuer '"
							+ expected + "' (RFC 9207): a mix-up or a forged callback");
		}
	}

	private static boolean advertised(Map<String, Object> metadata) {
		Object supported = (metadata != null) ? metadata.get(SUPPORTED) : null;
		return Boolean.TRUE.equals(supported) || "true".equals(supported);
	}

}
