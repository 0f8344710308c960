package io.github.oauthsignin.security;

import java.io.Serializable;

import org.springframework.security.core.AuthenticatedPrincipal;

import io.github.oauthsignin.user.User;
import io.github.oauthsignin.web.Initials;

/**
 * The principal of a signed-in person, as kept in their session. Its name is the user id, which is also how
 * Spring Session indexes the person's sessions.
 * @param id the user id
 * @param nickname the name to greet them with
 * @param pictureUrl their picture, or null
 * @param username their handle at the provider they signed in with, without an {@code @}, or null
 */
public record SignedInUser(long id, String nickname, String pictureUrl, String username)
		implements AuthenticatedPrincipal, Serializable {

	/** The principal for a user as stored. */
	public static SignedInUser of(User user) {
		return new SignedInUser(user.getId(), user.getNickname(), user.getPictureUrl(), user.getUsername());
	}

	/** What to show instead of a picture: their initials. */
	public String initials() {
		return Initials.of(this.nickname);
	}

	@Override
	public String getName() {
		return Long.toString(this.id);
	}

}
