package io.github.oauthsignin.providers.github;

import java.util.List;
import java.util.Optional;

import org.springframework.core.annotation.Order;
import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestOperations;

import io.github.oauthsignin.signin.CredentialSettings;
import io.github.oauthsignin.signin.SignInProperties.ProfileAttributes;
import io.github.oauthsignin.signin.oauth2.AttributesProfileMapper;
import io.github.oauthsignin.signin.oauth2.OAuth2Preset;
import io.github.oauthsignin.signin.oauth2.ProfileMapper;
import io.github.oauthsignin.signin.oauth2.TokenRevocation;

/**
 * Sign in with GitHub: OAuth 2 (GitHub has no OpenID Connect for people), Spring Security's
 * {@code CommonOAuth2Provider.GITHUB} with the scope {@code user:email} added, people keyed by their numeric
 * {@code id} ({@code login} can change), greeted by {@code name} or else {@code login}, and the email address read
 * from {@code /user/emails} ({@link GitHubEmailsUserService}).
 */
@Component
@Order(2)
class GitHubPreset implements OAuth2Preset {

	static final String ID = "github";

	private static final CredentialSettings CREDENTIALS = new CredentialSettings("GITHUB_CLIENT_ID",
			"GITHUB_CLIENT_SECRET", "spring.security.oauth2.client.registration.github.client-id",
			"spring.security.oauth2.client.registration.github.client-secret");

	private static final ProfileMapper PROFILE = new AttributesProfileMapper(
			new ProfileAttributes(List.of("name", "login"), "email", "avatar_url", "login"));

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String displayName() {
		return "GitHub";
	}

	@Override
	public Optional<String> brand() {
		return Optional.of("github");
	}

	@Override
	public List<CredentialSettings> credentials() {
		return List.of(CREDENTIALS);
	}

	@Override
	public ClientRegistration.Builder registration(String registrationId) {
		return CommonOAuth2Provider.GITHUB.getBuilder(registrationId).scope("read:user", "user:email");
	}

	@Override
	public OAuth2UserService<OAuth2UserRequest, OAuth2User> userService(RestOperations http) {
		return new GitHubEmailsUserService(http);
	}

	@Override
	public ProfileMapper profileMapper() {
		return PROFILE;
	}

	@Override
	public TokenRevocation tokenRevocation(RestClient http) {
		return new GitHubGrantRevocation(http);
	}

}
