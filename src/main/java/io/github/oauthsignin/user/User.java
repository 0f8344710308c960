package io.github.oauthsignin.user;

import java.security.SecureRandom;
import java.time.Instant;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account: a person who signed in at least once, with one or more {@link Identity identities} (one per
 * provider) that lead to it. It shows the name, email and picture of the identity it was last signed in with.
 */
@Entity
@Table(name = "users")
public class User {

	private static final SecureRandom random = new SecureRandom();

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Embedded
	@AttributeOverride(name = "name", column = @Column(name = "nickname", nullable = false,
			length = ProfileDetails.MAX_NAME_LENGTH))
	private ProfileDetails details;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "last_sign_in_at", nullable = false)
	private Instant lastSignInAt;

	/**
	 * What every session of this account carries, random so that a session made for another account that had the
	 * same id (in a database restored from a backup) never matches. Replaced only by {@link SessionVersions}, never
	 * by an update of the entity.
	 */
	@Column(name = "session_version", nullable = false, updatable = false)
	private long sessionVersion;

	protected User() {
		// for JPA
	}

	User(ProfileDetails details, Instant now) {
		this.details = details;
		this.createdAt = now;
		this.lastSignInAt = now;
		this.sessionVersion = newSessionVersion();
	}

	/** A new random session version. */
	static long newSessionVersion() {
		return random.nextLong();
	}

	/** A sign-in with an identity that gave these details. */
	void signedIn(ProfileDetails details, Instant now) {
		this.details = details;
		this.lastSignInAt = now;
	}

	/** Shows these details (those of another identity, when the one shown leaves the account). */
	void show(ProfileDetails details) {
		this.details = details;
	}

	public Long getId() {
		return this.id;
	}

	public ProfileDetails getDetails() {
		return this.details;
	}

	public String getNickname() {
		return this.details.name();
	}

	/** The handle at the provider signed in with last, without an {@code @}, or null. */
	public String getUsername() {
		return this.details.username();
	}

	public String getEmail() {
		return this.details.email();
	}

	public String getPictureUrl() {
		return this.details.pictureUrl();
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getLastSignInAt() {
		return this.lastSignInAt;
	}

	/** The session version every session of this account must carry (see {@link SessionVersions}). */
	public long getSessionVersion() {
		return this.sessionVersion;
	}

}
