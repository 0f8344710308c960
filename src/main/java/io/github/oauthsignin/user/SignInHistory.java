package io.github.oauthsignin.user;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounts' sign-in histories ({@code sign_in_history}). Rows are written by {@link UserRegistration} in the
 * sign-in's own transaction, go with their account (on delete cascade), and expire after the retention period.
 */
public interface SignInHistory extends Repository<PastSignIn, Long> {

	PastSignIn save(PastSignIn signIn);

	/** An account's latest sign-ins, newest first. */
	List<PastSignIn> findByUserIdOrderBySignedInAtDescIdDesc(long userId, Limit limit);

	default List<PastSignIn> latest(long userId, int count) {
		return findByUserIdOrderBySignedInAtDescIdDesc(userId, Limit.of(count));
	}

	/** Forgets an account's sign-ins with one provider (that provider's data deletion). */
	@Transactional
	@Modifying
	@Query("delete from PastSignIn s where s.userId = :userId and s.provider = :provider")
	int deleteByUserIdAndProvider(long userId, String provider);

	/** Forgets every sign-in older than this. */
	@Transactional
	@Modifying
	@Query("delete from PastSignIn s where s.signedInAt < :before")
	int deleteOlderThan(Instant before);

}
