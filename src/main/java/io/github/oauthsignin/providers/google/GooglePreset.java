package io.github.oauthsignin.providers.google;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.annotation.Order;
import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.stereotype.Component;

import io.github.oauthsignin.signin.CredentialSettings;
import io.github.oauthsignin.signin.oauth2.OAuth2Preset;
import io.github.oauthsignin.signin.oauth2.ProfileMapper;
import io.github.oauthsignin.signin.oauth2.StandardClaimsProfileMapper;

/**
 * Sign in with Google: OpenID Connect with the issuer {@code https://accounts.google.com}, as Spring Security's
 * {@code CommonOAuth2Provider.GOOGLE} describes it; people keyed by {@code sub}, their email taken only when
 * verified. While its tokens are kept, the sign-in asks for {@code access_type=offline}, for a refresh token; they are
 * revoked at the {@code revocation_endpoint} of Google's discovery document.
 */
@Component
@Order(3)
class GooglePreset implements OAuth2Preset {

	private static final CredentialSettings CREDENTIALS = new CredentialSettings("GOOGLE_CLIENT_ID",
			"GOOGLE_CLIENT_SECRET", "spring.security.oauth2.client.registration.google.client-id",
			"spring.security.oauth2.client.registration.google.client-secret");

	private static final ProfileMapper PROFILE = new StandardClaimsProfileMapper();

	@Override
	public String id() {
		return "google";
	}

	@Override
	public String displayName() {
		return "Google";
	}

	@Override
	public Optional<String> brand() {
		return Optional.of("google");
	}

	@Override
	public List<CredentialSettings> credentials() {
		return List.of(CREDENTIALS);
	}

	@Override
	public ClientRegistration.Builder registration(String registrationId) {
		return CommonOAuth2Provider.GOOGLE.getBuilder(registrationId);
	}

	@Override
	public ProfileMapper profileMapper() {
		return PROFILE;
	}

	/** A refresh token comes only with {@code access_type=offline}. */
	@Override
	public Map<String, Object> keptTokensParameters() {
		return Map.of("access_type", "offline");
	}

}
