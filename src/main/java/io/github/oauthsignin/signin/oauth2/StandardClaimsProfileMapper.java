package io.github.oauthsignin.signin.oauth2;

import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;

import io.github.oauthsignin.signin.ProviderDescriptor;
import io.github.oauthsignin.user.SignInProfile;

/**
 * Reads an OpenID Connect person from the standard claims (OIDC Core 5.1) of the validated ID token and UserInfo:
 * {@code sub}, {@code name}, {@code preferred_username}, {@code picture}, and {@code email} only when
 * {@code email_verified} is true. An unverified address could be anybody's, so the profile then has none.
 */
public final class StandardClaimsProfileMapper implements ProfileMapper {

	@Override
	public SignInProfile toProfile(ProviderDescriptor provider, OAuth2User user) {
		if (!(user instanceof OidcUser person)) {
			throw new IllegalArgumentException("not an OpenID Connect user");
		}
		String email = Boolean.TRUE.equals(person.getEmailVerified()) ? person.getEmail() : null;
		return SignInProfile.of(provider.id(), person.getSubject(), email,
				person.getClaimAsString(StandardClaimNames.PICTURE), person.getFullName(),
				person.getPreferredUsername(), SignInProfile.localPart(email), provider.displayName() + " user")
			.withUsername(person.getPreferredUsername());
	}

}
