package io.github.oauthsignin.user;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Users by id and by social id. */
public interface UserRepository extends JpaRepository<User, Long> {

	Optional<User> findBySocialId(SocialId socialId);

	/**
	 * Deletes the user with this id without loading it first, so that two deletions racing each other (two tabs,
	 * the account page and Facebook's callback) do not fail: the second simply deletes nothing.
	 * @return how many users were deleted, 0 when there was none
	 */
	@Modifying
	@Query("delete from User u where u.id = :id")
	int deleteUserById(long id);

}
