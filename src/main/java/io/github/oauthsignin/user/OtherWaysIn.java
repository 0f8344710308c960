package io.github.oauthsignin.user;

/**
 * A way into accounts that is not a provider's identity, such as passkeys: the account linking rules count it (the
 * last way in, whatever it is, can't be removed), and a session signed in through it lives only while the account
 * still has one. Implemented where that way in lives, so that this package does not depend on it.
 */
public interface OtherWaysIn {

	/** The way in a session signed in like this carries (its {@code wayIn}), such as {@code passkey}. */
	String wayIn();

	/** How many of these the account has. */
	int count(long userId);

}
