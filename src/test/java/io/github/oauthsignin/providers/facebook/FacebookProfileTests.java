package io.github.oauthsignin.providers.facebook;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestTemplate;

import io.github.oauthsignin.user.SignInProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/** How the Facebook preset reads a person from the Graph API's {@code /me}. */
class FacebookProfileTests {

	private final FacebookPreset facebook = new FacebookPreset();

	@Test
	void toProfileWhenNameAndEmailThenBoth() {
		SignInProfile profile = profile(Map.of("id", "123", "name", "Ada Lovelace", "email", "ada@example.com"));
		assertThat(profile.socialId()).hasToString("facebook$123");
		assertThat(profile.nickname()).isEqualTo("Ada Lovelace");
		assertThat(profile.email()).contains("ada@example.com");
		assertThat(profile.pictureUrl()).isEmpty();
	}

	@Test
	void toProfileWhenNoNameThenEmailLocalPart() {
		assertThat(profile(Map.of("id", "123", "email", "ada@example.com")).nickname()).isEqualTo("ada");
	}

	@Test
	void toProfileWhenNoNameNoEmailThenFacebookUser() {
		SignInProfile profile = profile(Map.of("id", "123", "name", " "));
		assertThat(profile.nickname()).isEqualTo("Facebook user");
		assertThat(profile.email()).isEmpty();
	}

	@Test
	void toProfileWhenPictureThenUrl() {
		Map<String, Object> picture = Map.of("data",
				Map.of("url", "https://scontent.example/p.jpg", "is_silhouette", false));
		assertThat(profile(Map.of("id", "123", "name", "Ada", "picture", picture)).pictureUrl())
			.contains(URI.create("https://scontent.example/p.jpg"));
	}

	@Test
	void toProfileWhenIdNotAnIdThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> profile(Map.of("id", "1 OR 1=1", "name", "Ada")));
	}

	@Test
	void userServiceSendsAppSecretProofAndTheFieldsAndDropsTheSilhouette() {
		RestTemplate http = new RestTemplate();
		MockRestServiceServer graph = MockRestServiceServer.bindTo(http).build();
		graph.expect(requestTo("https://graph.facebook.com/v25.0/me?fields=id,name,email,picture&appsecret_proof="
				+ "d32b1d35fd115c4a496e06fd8df67eed8057688b17140a2cef365cb235817102"))
			.andExpect(header(HttpHeaders.AUTHORIZATION, "Bearer 456"))
			.andRespond(withSuccess("{\"id\":\"123\",\"name\":\"Ada\",\"picture\":{\"data\":{\"url\":"
					+ "\"https://scontent.example/default.jpg\",\"is_silhouette\":true}}}", MediaType.APPLICATION_JSON));
		ClientRegistration registration = this.facebook.registration("facebook")
			.clientId("app")
			.clientSecret("secret")
			.redirectUri("{baseUrl}/callback/{registrationId}")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.build();
		OAuth2User user = this.facebook.userService(http)
			.loadUser(new OAuth2UserRequest(registration, new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
					"456", Instant.now(), Instant.now().plusSeconds(60))));
		graph.verify();
		assertThat(user.getAttributes()).containsEntry("id", "123").doesNotContainKey("picture");
	}

	@Test
	void appSecretProofMatchesPublishedVector() {
		assertThat(AppSecretProof.of("secret", "456"))
			.isEqualTo("d32b1d35fd115c4a496e06fd8df67eed8057688b17140a2cef365cb235817102");
	}

	private SignInProfile profile(Map<String, Object> attributes) {
		return this.facebook.profileMapper()
			.toProfile(this.facebook, new DefaultOAuth2User(null, new LinkedHashMap<>(attributes), "id"));
	}

}
