package io.github.oauthsignin.user;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * What a provider says about a person, as stored: a name, an email address and a picture's address, each cut to its
 * column. An identity keeps what its provider gave; an account shows those of the identity it was signed in with
 * last.
 * @param name the name to greet the person with
 * @param username their handle at the provider, without an {@code @}, or null
 * @param email their email address, or null
 * @param pictureUrl their picture's address, or null
 */
@Embeddable
public record ProfileDetails(@Column(name = "name", nullable = false, length = MAX_NAME_LENGTH) String name,
		@Column(name = "username", length = SignInProfile.MAX_USERNAME_LENGTH) String username,
		@Column(name = "email", length = MAX_EMAIL_LENGTH) String email,
		@Column(name = "picture_url", length = MAX_PICTURE_URL_LENGTH) String pictureUrl) {

	static final int MAX_NAME_LENGTH = 100;

	static final int MAX_EMAIL_LENGTH = SignInProfile.MAX_EMAIL_LENGTH;

	static final int MAX_PICTURE_URL_LENGTH = 1024;

	/** The details of a profile, shortened to fit: a name on a character boundary, an email or picture not at all. */
	static ProfileDetails of(SignInProfile profile) {
		return new ProfileDetails(TextTruncation.truncate(profile.nickname(), MAX_NAME_LENGTH),
				profile.username().orElse(null),
				profile.email().filter((value) -> value.length() <= MAX_EMAIL_LENGTH).orElse(null),
				profile.pictureUrl()
					.map(Object::toString)
					.filter((value) -> value.length() <= MAX_PICTURE_URL_LENGTH)
					.orElse(null));
	}

}
