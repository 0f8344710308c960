package io.github.oauthsignin.providers.x;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestOperations;

import io.github.oauthsignin.signin.CredentialSettings;
import io.github.oauthsignin.signin.SignInProperties.ProfileAttributes;
import io.github.oauthsignin.signin.oauth2.AttributesProfileMapper;
import io.github.oauthsignin.signin.oauth2.OAuth2Preset;
import io.github.oauthsignin.signin.oauth2.ProfileMapper;
import io.github.oauthsignin.signin.oauth2.Rfc7009TokenRevocation;
import io.github.oauthsignin.signin.oauth2.TokenRevocation;

/**
 * Sign in with X, over OAuth 2.0 ({@code X_CLIENT_ID}, {@code X_CLIENT_SECRET}: the authorization code flow with
 * PKCE, the profile from {@code /2/users/me}) or over OAuth 1.0a ({@code TWITTER_CONSUMER_KEY},
 * {@code TWITTER_CONSUMER_SECRET}: {@link XOAuth1Configuration}), never both. Either way the registration id is
 * {@code twitter}: the same routes, the same callback URL registered at X, and the same {@code twitter$<id>} social
 * ids, because X user ids are the same under both protocols, so an operator who moves from one to the other keeps
 * every account.
 */
@Component
@Order(4)
class XPreset implements OAuth2Preset {

	static final String ID = "twitter";

	static final CredentialSettings OAUTH2 = new CredentialSettings("X_CLIENT_ID", "X_CLIENT_SECRET",
			"spring.security.oauth2.client.registration.twitter.client-id",
			"spring.security.oauth2.client.registration.twitter.client-secret");

	static final CredentialSettings OAUTH1 = new CredentialSettings("TWITTER_CONSUMER_KEY", "TWITTER_CONSUMER_SECRET",
			"signin.twitter.consumer-key", "signin.twitter.consumer-secret");

	/** X people have a display name and a handle, and no email over OAuth 2.0. */
	private static final ProfileMapper PROFILE = new AttributesProfileMapper(
			new ProfileAttributes(List.of("name"), null, "profile_image_url", "username"));

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String displayName() {
		return "X";
	}

	@Override
	public Optional<String> brand() {
		return Optional.of("x");
	}

	@Override
	public List<CredentialSettings> credentials() {
		return List.of(OAUTH2, OAUTH1);
	}

	@Override
	public ClientRegistration.Builder registration(String registrationId) {
		return ClientRegistration.withRegistrationId(registrationId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.scope("users.read", "tweet.read")
			.authorizationUri("https://x.com/i/oauth2/authorize")
			.tokenUri("https://api.x.com/2/oauth2/token")
			.userInfoUri("https://api.x.com/2/users/me?user.fields=profile_image_url")
			.userNameAttributeName("id");
	}

	/** Spring's user service, with {@code /2/users/me}'s {@code {"data": {…}}} unwrapped. */
	@Override
	public OAuth2UserService<OAuth2UserRequest, OAuth2User> userService(RestOperations http) {
		DefaultOAuth2UserService service = OAuth2Preset.standardUserService(http);
		service.setAttributesConverter((request) -> XPreset::unwrapData);
		return service;
	}

	@Override
	public ProfileMapper profileMapper() {
		return PROFILE;
	}

	/** RFC 7009 at {@code /2/oauth2/revoke}, beside the token endpoint (X's discovery-less API). */
	@Override
	public TokenRevocation tokenRevocation(RestClient http) {
		return new Rfc7009TokenRevocation(http,
				(registration) -> URI.create(registration.getProviderDetails().getTokenUri()).resolve("revoke"));
	}

	private static Map<String, Object> unwrapData(Map<String, Object> answer) {
		if (answer != null && answer.get("data") instanceof Map<?, ?> data) {
			Map<String, Object> attributes = new LinkedHashMap<>();
			data.forEach((name, value) -> attributes.put(String.valueOf(name), value));
			return attributes;
		}
		return answer;
	}

}
