package io.github.oauthsignin.person;

import java.io.Serializable;

import org.springframework.security.core.AuthenticatedPrincipal;

import io.github.oauthsignin.web.Initials;

/**
 * Who is signed in: the principal that application code receives with
 * {@code @AuthenticationPrincipal SignedInUser me} in a controller (null for a visitor who is not signed in), the same
 * whatever way the person came in: OAuth 2 (Facebook, GitHub, X), OpenID Connect (Google, any issuer), X over
 * OAuth 1.0a, a "Keep me signed in" cookie, and the ways in still to come (passkeys, Apple). It is what the person's
 * session keeps, read from the account when they signed in; reading it costs no database query. See
 * docs/BUILD-ON-IT.md.
 * <p>
 * Its {@link #getName() name} is the account id as a string: the name Spring Security's {@code Authentication} gives,
 * which is also how kept provider tokens ({@code OAuth2AuthorizedClientService}) and the person's sessions are
 * keyed. Tests sign a MockMvc request in as a given person with {@code SignedInRequests.signedIn(person)} (in the
 * test sources, beside {@code @SignInWebMvcTest}: io.github.oauthsignin.person).
 * @param id the account id ({@code users.id}), the same for every provider connected to the account
 * @param displayName the name to greet them with, from the provider they last signed in with (never blank)
 * @param email their email address, only as a provider vouched for it (verified), or null: X over OAuth 2 and many
 * people give none
 * @param pictureUrl the address of their picture, or null
 * @param username their handle at the provider they last signed in with, without an {@code @}, or null
 * @param wayIn how this session was signed in: the provider's registration id ({@code facebook}, {@code github},
 * {@code google}, {@code twitter}, an OpenID Connect provider's own id such as {@code gitlab}, later {@code apple}), or
 * another way in by its name (later {@code passkey}); null when unknown (a "Keep me signed in" token made before the
 * app recorded it). An open set of names, not an enumeration: compare with {@link #signedInThrough(String)}
 * @param stamp what ties the session to the database and account it was made for (the app's own check, nothing for
 * application code to read)
 */
public record SignedInUser(long id, String displayName, String email, String pictureUrl, String username,
		String wayIn, Stamp stamp) implements AuthenticatedPrincipal, Serializable {

	/** Whether this session was signed in through this provider or way in ({@code "github"}, {@code "passkey"}…). */
	public boolean signedInThrough(String wayIn) {
		return wayIn != null && wayIn.equals(this.wayIn);
	}

	/** What to show instead of a picture: their initials ({@link Initials}). */
	public String initials() {
		return Initials.of(this.displayName);
	}

	/** The account id as a string, as Spring Security names a principal. */
	@Override
	public String getName() {
		return Long.toString(this.id);
	}

	/** The same person, signed in another way (a "Keep me signed in" cookie names the provider it was made through). */
	public SignedInUser withWayIn(String wayIn) {
		return new SignedInUser(this.id, this.displayName, this.email, this.pictureUrl, this.username, wayIn,
				this.stamp);
	}

	/**
	 * What ties a sign-in to where it was made: the app refuses a session whose stamp is not of this database and of
	 * the account as it is now (a reset database, sessions ended, the way in disconnected).
	 * @param installation the installation id of the database it was made in
	 * @param sessionVersion the account's session version then
	 */
	public record Stamp(String installation, long sessionVersion) implements Serializable {
	}

}
