package io.github.oauthsignin.fake;

/**
 * Someone who signs in at a fake provider.
 * @param id the provider's user id (Facebook: digits; Twitter: a 64-bit id as a string)
 * @param name the display name
 * @param screenName the Twitter handle (unused by Facebook)
 * @param email the email address, or null for a person without one (or who declines to share it)
 * @param pictureUrl the picture URL, or null for the default silhouette
 */
public record FakePerson(String id, String name, String screenName, String email, String pictureUrl) {

	/** The ready-made people a consent page offers. */
	public static final java.util.List<FakePerson> READY_MADE = java.util.List.of(
			new FakePerson("10150000000000001", "Ada Lovelace", "ada_lovelace", "ada@example.com", null),
			new FakePerson("10150000000000002", "Grace Hopper", "grace_hopper", "grace@example.com", null),
			new FakePerson("10150000000000003", "Alan Turing (no email)", "alan_turing", null, null),
			new FakePerson("10150000000000004", "Zoë <b>O'Brien</b> 🚀", "zoe_obrien", "zoe@example.com", null));

	public FakePerson withId(String newId) {
		return new FakePerson(newId, this.name, this.screenName, this.email, this.pictureUrl);
	}

}
