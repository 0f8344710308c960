package io.github.oauthsignin.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person who signed in at least once. Found again by its {@link SocialId} ({@code provider$id}), so that the same
 * provider account always comes back to the same user.
 */
@Entity
@Table(name = "users")
public class User {

	static final int MAX_NICKNAME_LENGTH = 100;

	static final int MAX_EMAIL_LENGTH = SignInProfile.MAX_EMAIL_LENGTH;

	static final int MAX_PICTURE_URL_LENGTH = 1024;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "social_id", nullable = false, unique = true, length = SocialId.MAX_LENGTH, updatable = false)
	@Convert(converter = SocialIdConverter.class)
	private SocialId socialId;

	@Column(nullable = false, length = MAX_NICKNAME_LENGTH)
	private String nickname;

	@Column(length = MAX_EMAIL_LENGTH)
	private String email;

	@Column(name = "picture_url", length = MAX_PICTURE_URL_LENGTH)
	private String pictureUrl;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "last_sign_in_at", nullable = false)
	private Instant lastSignInAt;

	protected User() {
		// for JPA
	}

	User(SignInProfile profile, Instant now) {
		this.socialId = profile.socialId();
		this.createdAt = now;
		refresh(profile, now);
	}

	/** Takes the latest nickname, email and picture from the provider. */
	void refresh(SignInProfile profile, Instant now) {
		this.nickname = TextTruncation.truncate(profile.nickname(), MAX_NICKNAME_LENGTH);
		this.email = profile.email().filter((value) -> value.length() <= MAX_EMAIL_LENGTH).orElse(null);
		this.pictureUrl = profile.pictureUrl()
			.map(Object::toString)
			.filter((value) -> value.length() <= MAX_PICTURE_URL_LENGTH)
			.orElse(null);
		this.lastSignInAt = now;
	}

	public Long getId() {
		return this.id;
	}

	public SocialId getSocialId() {
		return this.socialId;
	}

	public String getNickname() {
		return this.nickname;
	}

	public String getEmail() {
		return this.email;
	}

	public String getPictureUrl() {
		return this.pictureUrl;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getLastSignInAt() {
		return this.lastSignInAt;
	}

}
