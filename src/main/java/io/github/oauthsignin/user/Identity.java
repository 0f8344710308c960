package io.github.oauthsignin.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A person at one provider ({@link SocialId}), leading to one account. {@code (provider, provider user id)} is unique
 * across all accounts, and an account has at most one identity per provider; the database enforces both, so that
 * two browsers linking one identity at once cannot both win.
 */
@Entity
@Table(name = "identities")
public class Identity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "user_id", nullable = false, updatable = false)
	private User user;

	@Column(nullable = false, updatable = false, length = 15)
	private String provider;

	@Column(name = "provider_user_id", nullable = false, updatable = false, length = 48)
	private String providerUserId;

	@Embedded
	private ProfileDetails details;

	@Column(name = "linked_at", nullable = false, updatable = false)
	private Instant linkedAt;

	@Column(name = "last_used_at", nullable = false)
	private Instant lastUsedAt;

	protected Identity() {
		// for JPA
	}

	Identity(User user, SignInProfile profile, Instant now) {
		this.user = user;
		this.provider = profile.socialId().provider();
		this.providerUserId = profile.socialId().providerUserId();
		this.details = ProfileDetails.of(profile);
		this.linkedAt = now;
		this.lastUsedAt = now;
	}

	/** The provider was used again and said this about the person. */
	void used(SignInProfile profile, Instant now) {
		this.details = ProfileDetails.of(profile);
		this.lastUsedAt = now;
	}

	User user() {
		return this.user;
	}

	/** The account it leads to. */
	public Long getUserId() {
		return this.user.getId();
	}

	public SocialId getSocialId() {
		return new SocialId(this.provider, this.providerUserId);
	}

	public String getProvider() {
		return this.provider;
	}

	public ProfileDetails getDetails() {
		return this.details;
	}

	public Instant getLinkedAt() {
		return this.linkedAt;
	}

	public Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

}
