package io.github.oauthsignin.signin.facebook;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.github.oauthsignin.signin.SignInProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GraphUserTests {

	@Test
	void toProfileWhenNameAndEmailThenBoth() {
		SignInProfile profile = new GraphUser("123", "Ada Lovelace", "ada@example.com", null).toProfile();
		assertThat(profile.socialId()).isEqualTo("facebook$123");
		assertThat(profile.nickname()).isEqualTo("Ada Lovelace");
		assertThat(profile.email()).contains("ada@example.com");
		assertThat(profile.pictureUrl()).isEmpty();
	}

	@Test
	void toProfileWhenNoNameThenEmailLocalPart() {
		SignInProfile profile = new GraphUser("123", null, "ada@example.com", null).toProfile();
		assertThat(profile.nickname()).isEqualTo("ada");
	}

	@Test
	void toProfileWhenNoNameNoEmailThenFacebookUser() {
		SignInProfile profile = new GraphUser("123", " ", null, null).toProfile();
		assertThat(profile.nickname()).isEqualTo("Facebook user");
		assertThat(profile.email()).isEmpty();
	}

	@Test
	void toProfileWhenPictureThenUrl() {
		GraphUser.Picture picture = new GraphUser.Picture(
				new GraphUser.PictureData("https://scontent.example/p.jpg", false));
		assertThat(new GraphUser("123", "Ada", null, picture).toProfile().pictureUrl())
			.contains(URI.create("https://scontent.example/p.jpg"));
	}

	@Test
	void toProfileWhenSilhouetteThenNoPicture() {
		GraphUser.Picture picture = new GraphUser.Picture(
				new GraphUser.PictureData("https://scontent.example/default.jpg", true));
		assertThat(new GraphUser("123", "Ada", null, picture).toProfile().pictureUrl()).isEmpty();
	}

	@Test
	void toProfileWhenNoIdThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new GraphUser(null, "Ada", null, null).toProfile());
	}

	@Test
	void appSecretProofMatchesPublishedVector() {
		assertThat(AppSecretProof.of("secret", "456"))
			.isEqualTo("d32b1d35fd115c4a496e06fd8df67eed8057688b17140a2cef365cb235817102");
	}

}
