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
 * @param wayIn the id of the provider this session was signed in through, or null when unknown (a "Keep me signed
 * in" token made before the app recorded it)
 * @param stamp the database and the account's sessions it was made for
 */
public record SignedInUser(long id, String nickname, String pictureUrl, String username, String wayIn, Stamp stamp)
		implements AuthenticatedPrincipal, Serializable {

	/** The principal for a user as stored, signed in through this provider in the database with this installation id. */
	static SignedInUser of(User user, String wayIn, String installation) {
		return new SignedInUser(user.getId(), user.getNickname(), user.getPictureUrl(), user.getUsername(), wayIn,
				new Stamp(installation, user.getSessionVersion()));
	}

	/** What to show instead of a picture: their initials. */
	public String initials() {
		return Initials.of(this.nickname);
	}

	@Override
	public String getName() {
		return Long.toString(this.id);
	}

	/**
	 * What ties a sign-in to where it was made (see {@link SignedInSessionCheck}).
	 * @param installation the installation id of the database it was made in
	 * @param sessionVersion the account's session version then
	 */
	public record Stamp(String installation, long sessionVersion) implements Serializable {
	}

}
