package io.github.oauthsignin.providers.facebook;

import java.util.List;
import java.util.Optional;

import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestOperations;

import io.github.oauthsignin.signin.CredentialSettings;
import io.github.oauthsignin.signin.SignInProperties.ProfileAttributes;
import io.github.oauthsignin.signin.oauth2.AttributesProfileMapper;
import io.github.oauthsignin.signin.oauth2.OAuth2Preset;
import io.github.oauthsignin.signin.oauth2.ProfileMapper;

/**
 * Facebook Login: OAuth 2 with the Graph API pinned to one version (Spring Security's {@code CommonOAuth2Provider}
 * still says v2.8), the profile read with {@code appsecret_proof} ({@link GraphUserService}), and Facebook's own
 * server-to-server callbacks for data deletion and deauthorization ({@link FacebookCallbacksController}).
 */
@Component
@Order(1)
class FacebookPreset implements OAuth2Preset {

	static final String ID = "facebook";

	/** The one place the Graph API version is pinned. */
	static final String GRAPH_API_VERSION = "v25.0";

	static final String DATA_DELETION_PATH = "/facebook/data-deletion";

	static final String DEAUTHORIZE_PATH = "/facebook/deauthorize";

	private static final CredentialSettings CREDENTIALS = new CredentialSettings("FACEBOOK_CLIENT_ID",
			"FACEBOOK_CLIENT_SECRET", "spring.security.oauth2.client.registration.facebook.client-id",
			"spring.security.oauth2.client.registration.facebook.client-secret");

	/** A person without a name is greeted by their email's local part, else "Facebook user". */
	private static final ProfileMapper PROFILE = new AttributesProfileMapper(
			new ProfileAttributes(List.of("name"), "email", "picture.data.url", null));

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String displayName() {
		return "Facebook";
	}

	@Override
	public Optional<String> brand() {
		return Optional.of("facebook");
	}

	@Override
	public List<CredentialSettings> credentials() {
		return List.of(CREDENTIALS);
	}

	/** Facebook's redirect back ends in {@code #_=_}, which its documentation asks apps to remove. */
	@Override
	public boolean addsFragmentToCallback() {
		return true;
	}

	@Override
	public List<String> serverToServerPosts() {
		return List.of(DATA_DELETION_PATH, DEAUTHORIZE_PATH);
	}

	@Override
	public ClientRegistration.Builder registration(String registrationId) {
		return ClientRegistration.withRegistrationId(registrationId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.scope("public_profile", "email")
			.authorizationUri("https://www.facebook.com/" + GRAPH_API_VERSION + "/dialog/oauth")
			.tokenUri("https://graph.facebook.com/" + GRAPH_API_VERSION + "/oauth/access_token")
			.userInfoUri("https://graph.facebook.com/" + GRAPH_API_VERSION + "/me?fields=" + GraphUserService.FIELDS)
			.userNameAttributeName("id");
	}

	@Override
	public OAuth2UserService<OAuth2UserRequest, OAuth2User> userService(RestOperations http) {
		return new GraphUserService(http);
	}

	@Override
	public ProfileMapper profileMapper() {
		return PROFILE;
	}

}
