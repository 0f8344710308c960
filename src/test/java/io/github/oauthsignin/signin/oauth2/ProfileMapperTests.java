package io.github.oauthsignin.signin.oauth2;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

import io.github.oauthsignin.signin.ProviderDescriptor;
import io.github.oauthsignin.signin.SignInProperties.ProfileAttributes;
import io.github.oauthsignin.user.SignInProfile;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileMapperTests {

	private static final ProviderDescriptor ACME = ProviderDescriptor.plain("acme", "Acme ID");

	@Test
	void standardClaimsWhenEmailVerifiedThenTaken() {
		SignInProfile profile = new StandardClaimsProfileMapper().toProfile(ACME,
				oidcUser(Map.of("name", "Ada", "email", "ada@example.com", "email_verified", true, "picture",
						"https://pictures.example/ada.png")));
		assertThat(profile.socialId()).hasToString("acme$sub-1");
		assertThat(profile.nickname()).isEqualTo("Ada");
		assertThat(profile.email()).contains("ada@example.com");
		assertThat(profile.pictureUrl()).contains(URI.create("https://pictures.example/ada.png"));
	}

	@Test
	void standardClaimsWhenEmailNotVerifiedThenNone() {
		SignInProfile profile = new StandardClaimsProfileMapper().toProfile(ACME,
				oidcUser(Map.of("name", "Ada", "email", "ada@example.com", "email_verified", false)));
		assertThat(profile.email()).isEmpty();
	}

	@Test
	void standardClaimsWhenEmailVerifiedMissingThenNone() {
		SignInProfile profile = new StandardClaimsProfileMapper().toProfile(ACME,
				oidcUser(Map.of("email", "ada@example.com")));
		assertThat(profile.email()).isEmpty();
		assertThat(profile.nickname()).isEqualTo("Acme ID user");
	}

	@Test
	void attributesWhenDottedNamesThenReachIntoNestedObjects() {
		AttributesProfileMapper mapper = new AttributesProfileMapper(
				new ProfileAttributes(List.of("data.name"), "data.mail", "data.avatar.url", "data.login"));
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("id", 42);
		attributes.put("data", Map.of("name", "Grace", "mail", "grace@example.com", "avatar",
				Map.of("url", "https://pictures.example/g.png"), "login", "grace"));
		SignInProfile profile = mapper.toProfile(ACME, new DefaultOAuth2User(null, attributes, "id"));
		assertThat(profile.socialId()).hasToString("acme$42");
		assertThat(profile.nickname()).isEqualTo("Grace");
		assertThat(profile.email()).contains("grace@example.com");
		assertThat(profile.pictureUrl()).contains(URI.create("https://pictures.example/g.png"));
	}

	@Test
	void attributesWhenNoNameThenUsernameThenEmailLocalPartThenProviderUser() {
		AttributesProfileMapper mapper = new AttributesProfileMapper(ProfileAttributes.STANDARD);
		assertThat(mapper.toProfile(ACME, user(Map.of("id", "1", "username", "gh"))).nickname()).isEqualTo("gh");
		assertThat(mapper.toProfile(ACME, user(Map.of("id", "1", "email", "x@example.com"))).nickname())
			.isEqualTo("x");
		assertThat(mapper.toProfile(ACME, user(Map.of("id", "1"))).nickname()).isEqualTo("Acme ID user");
	}

	private static DefaultOAuth2User user(Map<String, Object> attributes) {
		return new DefaultOAuth2User(null, attributes, "id");
	}

	private static DefaultOidcUser oidcUser(Map<String, Object> userInfo) {
		OidcIdToken idToken = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60),
				Map.of("sub", "sub-1", "iss", "https://id.example"));
		Map<String, Object> claims = new LinkedHashMap<>(userInfo);
		claims.put("sub", "sub-1");
		return new DefaultOidcUser(null, idToken, new OidcUserInfo(claims));
	}

}
