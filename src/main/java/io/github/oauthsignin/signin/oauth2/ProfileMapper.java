package io.github.oauthsignin.signin.oauth2;

import java.util.Map;

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

	/**
	 * The same, for a provider whose callback itself tells something about the person (Apple's {@code user} field,
	 * with the name, on the first consent only); by default the callback is not read.
	 * @param callbackParameters the parameters of the provider's answer (never trusted for what the ID token says)
	 */
	default SignInProfile toProfile(ProviderDescriptor provider, OAuth2User user,
			Map<String, String> callbackParameters) {
		return toProfile(provider, user);
	}

}
