package io.github.oauthsignin.signin.oauth2;

import org.springframework.security.oauth2.core.user.OAuth2User;

import io.github.oauthsignin.signin.ProviderDescriptor;
import io.github.oauthsignin.user.SignInProfile;

/**
 * Turns what an OAuth 2 provider says about a person (its UserInfo answer, or an OpenID Connect user with the
 * ID token's claims) into a {@link SignInProfile}. The person's id is always the {@link OAuth2User#getName()}, the
 * registration's user-name attribute: the provider's stable key, never an email address or a changeable name.
 */
@FunctionalInterface
public interface ProfileMapper {

	/**
	 * @param provider the provider, for its id and for a fallback name ("GitHub user")
	 * @param user the authenticated user as Spring Security read it
	 * @throws IllegalArgumentException when the answer holds no usable id
	 */
	SignInProfile toProfile(ProviderDescriptor provider, OAuth2User user);

}
