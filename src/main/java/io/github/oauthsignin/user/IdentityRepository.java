package io.github.oauthsignin.user;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Identities by who they are at their provider, and by account. */
public interface IdentityRepository extends JpaRepository<Identity, Long> {

	/** The identity with this social id, with its account in the same query. */
	@Query("select i from Identity i join fetch i.user where i.provider = :provider and i.providerUserId = :providerUserId")
	Optional<Identity> findWithUser(String provider, String providerUserId);

	default Optional<Identity> findWithUser(SocialId socialId) {
		return findWithUser(socialId.provider(), socialId.providerUserId());
	}

	/** An account's identities, the one used last first. */
	@Query("select i from Identity i where i.user.id = :userId order by i.lastUsedAt desc, i.id desc")
	List<Identity> findByUser(long userId);

}
