package io.github.oauthsignin.user;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Users by id and by social id. */
public interface UserRepository extends JpaRepository<User, Long> {

	Optional<User> findBySocialId(String socialId);

}
