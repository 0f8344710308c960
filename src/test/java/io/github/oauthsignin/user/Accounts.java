package io.github.oauthsignin.user;

import java.time.Instant;

import org.springframework.test.util.ReflectionTestUtils;

/** Accounts as the database would return them, for slices that mock the repositories. */
public final class Accounts {

	private Accounts() {
	}

	/** An account with this id, registered at this time with this profile. */
	public static User user(long id, SignInProfile profile, Instant registeredAt) {
		User user = new User(ProfileDetails.of(profile), registeredAt);
		ReflectionTestUtils.setField(user, "id", id);
		return user;
	}

	/** The identity of this profile, connected to this account at this time. */
	public static Identity identity(User user, SignInProfile profile, Instant connectedAt) {
		return new Identity(user, profile, connectedAt);
	}

}
