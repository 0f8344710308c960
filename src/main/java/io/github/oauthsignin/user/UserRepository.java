package io.github.oauthsignin.user;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Accounts by id. */
public interface UserRepository extends JpaRepository<User, Long> {

	/**
	 * The account, locked until the transaction ends, so that changes to its identities that depend on how many it
	 * has (never removing the last one) happen one at a time.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from User u where u.id = :id")
	Optional<User> findByIdForUpdate(long id);

	/**
	 * Deletes the user with this id without loading it first, so that two deletions racing each other (two tabs,
	 * the account page and Facebook's callback) do not fail: the second simply deletes nothing. Its identities go
	 * with it ({@code on delete cascade}).
	 * @return how many users were deleted, 0 when there was none
	 */
	@Modifying
	@Query("delete from User u where u.id = :id")
	int deleteUserById(long id);

}
