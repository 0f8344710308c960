package io.github.oauthsignin.fake;

/**
 * Someone who signs in at a fake provider.
 * @param id the provider's user id (Facebook, GitHub: digits; X: a 64-bit id as a string; OpenID Connect: the
 * subject)
 * @param name the display name
 * @param screenName the username: X's handle, GitHub's login, OpenID Connect's {@code preferred_username} (unused
 * by Facebook)
 * @param email the email address, or null for a person without one (or who declines to share it)
 * @param pictureUrl the picture URL, or null for the default silhouette
 * @param emailVerified whether the provider has checked that the email belongs to the person: OpenID Connect's
 * {@code email_verified} and GitHub's {@code verified}, which a client must honour before it trusts the address
 */
public record FakePerson(String id, String name, String screenName, String email, String pictureUrl,
		boolean emailVerified) {

	/** The ready-made people a consent page offers. */
	public static final java.util.List<FakePerson> READY_MADE = java.util.List.of(
			new FakePerson("10150000000000001", "Ada Lovelace", "ada_lovelace", "ada@example.com", null),
			new FakePerson("10150000000000002", "Grace Hopper", "grace_hopper", "grace@example.com", null),
			new FakePerson("10150000000000003", "Alan Turing (no email)", "alan_turing", null, null),
			new FakePerson("10150000000000004", "Zoë <b>O'Brien</b> 🚀", "zoe_obrien", "zoe@example.com", null),
			new FakePerson("10150000000000005", "Edsger Dijkstra (unverified email)", "edsger_dijkstra",
					"edsger@example.com", null, false));

	/** A person whose email, if any, is verified: what most tests want, and all that existed before GitHub and OIDC. */
	public FakePerson(String id, String name, String screenName, String email, String pictureUrl) {
		this(id, name, screenName, email, pictureUrl, true);
	}

	public FakePerson withId(String newId) {
		return new FakePerson(newId, this.name, this.screenName, this.email, this.pictureUrl, this.emailVerified);
	}

	public FakePerson withEmailVerified(boolean verified) {
		return new FakePerson(this.id, this.name, this.screenName, this.email, this.pictureUrl, verified);
	}

}
