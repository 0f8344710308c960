package io.github.oauthsignin.signin.facebook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.github.oauthsignin.signin.SignInProfile;

/**
 * The Graph API's answer to {@code /me?fields=id,name,email,picture}. Email is absent when the person declined to
 * share it or has none; the picture is a default silhouette when they have none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GraphUser(String id, String name, String email, Picture picture) {

	static final String FALLBACK_NICKNAME = "Facebook user";

	/**
	 * The profile: nickname from the name, else the email's local part, else "Facebook user".
	 * @throws IllegalArgumentException when there is no usable id
	 */
	SignInProfile toProfile() {
		return SignInProfile.of(FacebookSignInProvider.ID, this.id, this.email, pictureUrl(), this.name,
				SignInProfile.localPart(this.email), FALLBACK_NICKNAME);
	}

	private String pictureUrl() {
		if (this.picture == null || this.picture.data() == null || this.picture.data().silhouette()) {
			return null;
		}
		return this.picture.data().url();
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Picture(PictureData data) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record PictureData(String url, @JsonProperty("is_silhouette") boolean silhouette) {
	}

}
