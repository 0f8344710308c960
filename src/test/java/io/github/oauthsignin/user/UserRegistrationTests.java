package io.github.oauthsignin.user;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.github.oauthsignin.user.UserRegistration.Registration;

import static org.assertj.core.api.Assertions.assertThat;

/** The user store against the real schema (Flyway's migrations on H2), outside test transactions. */
@DataJpaTest
@Import({ UserRegistration.class, UserRegistrationTests.FixedClock.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class UserRegistrationTests {

	@Autowired
	UserRegistration registration;

	@Autowired
	UserRepository users;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	IdentityRepository identities;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void findOrRegisterWhenNewThenCreatedWithSocialIdNicknameAndEmail() {
		Registration registered = this.registration.findOrRegister(profile("101", "Ada Lovelace", "ada@example.com"));
		assertThat(registered.created()).isTrue();
		User stored = this.identities.findWithUser(new SocialId("facebook", "101")).orElseThrow().user();
		assertThat(stored.getNickname()).isEqualTo("Ada Lovelace");
		assertThat(stored.getEmail()).isEqualTo("ada@example.com");
		assertThat(stored.getCreatedAt()).isEqualTo(FixedClock.NOW);
	}

	@Test
	void findOrRegisterWhenReturningThenSameUserRefreshed() {
		Registration first = this.registration.findOrRegister(profile("102", "Ada", "ada@example.com"));
		Registration second = this.registration.findOrRegister(profile("102", "Ada King", null));
		assertThat(second.created()).isFalse();
		assertThat(second.user().getId()).isEqualTo(first.user().getId());
		User stored = this.users.findById(first.user().getId()).orElseThrow();
		assertThat(stored.getNickname()).isEqualTo("Ada King");
		assertThat(stored.getEmail()).isNull();
	}

	@Test
	void findOrRegisterWhenManySimultaneousFirstSignInsThenExactlyOneUser() throws Exception {
		SignInProfile profile = profile("103", "Grace Hopper", "grace@example.com");
		int browsers = 16;
		ExecutorService pool = Executors.newFixedThreadPool(browsers);
		CountDownLatch go = new CountDownLatch(1);
		try {
			List<Future<Registration>> results = new ArrayList<>();
			for (int i = 0; i < browsers; i++) {
				results.add(pool.submit(() -> {
					go.await();
					return this.registration.findOrRegister(profile);
				}));
			}
			go.countDown();
			List<Long> ids = new ArrayList<>();
			int created = 0;
			for (Future<Registration> result : results) {
				Registration registered = result.get(30, TimeUnit.SECONDS);
				ids.add(registered.user().getId());
				created += registered.created() ? 1 : 0;
			}
			assertThat(ids).hasSize(browsers).containsOnly(ids.get(0));
			assertThat(created).isEqualTo(1);
			assertThat(countRows("facebook$103")).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void findOrRegisterWhenInsertClashesWithAnotherRegistrationThenRetriedAsLookup() {
		Registration winner = this.registration.findOrRegister(profile("104", "Alan", null));
		// A lookup that misses the row the way a concurrent request would: the first look finds nobody.
		AtomicBoolean missedOnce = new AtomicBoolean();
		IdentityRepository racing = (IdentityRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { IdentityRepository.class }, (proxy, method, args) -> {
					if (method.getName().equals("findWithUser") && missedOnce.compareAndSet(false, true)) {
						return Optional.empty();
					}
					try {
						return method.invoke(this.identities, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		UserRegistration loser = new UserRegistration(this.users, racing, this.transactionManager, Clock.systemUTC());
		Registration registered = loser.findOrRegister(profile("104", "Alan Turing", null));
		assertThat(missedOnce).isTrue();
		assertThat(registered.created()).isFalse();
		assertThat(registered.user().getId()).isEqualTo(winner.user().getId());
		assertThat(registered.user().getNickname()).isEqualTo("Alan Turing");
		assertThat(countRows("facebook$104")).isEqualTo(1);
	}

	@Test
	void findOrRegisterWhenNameIs300CharactersThenShortenedNotRefused() {
		String name = "Ω".repeat(299) + "🚀";
		Registration registered = this.registration.findOrRegister(profile("105", name, null));
		String stored = this.users.findById(registered.user().getId()).orElseThrow().getNickname();
		assertThat(stored).hasSize(ProfileDetails.MAX_NAME_LENGTH).isEqualTo("Ω".repeat(100));
	}

	@Test
	void findOrRegisterWhenEmojiAndNonLatinThenRoundTripIntact() {
		String name = "Zoë 🚀 张伟 Дмитрий عبد الله";
		Registration registered = this.registration.findOrRegister(profile("106", name, "zoë@例え.jp"));
		String stored = this.jdbc.queryForObject("select nickname from users where id = ?", String.class,
				registered.user().getId());
		assertThat(stored).isEqualTo(name);
		assertThat(this.users.findById(registered.user().getId()).orElseThrow().getEmail()).isEqualTo("zoë@例え.jp");
	}

	private int countRows(String socialId) {
		return this.jdbc.queryForObject("select count(*) from users u join identities i on i.user_id = u.id "
				+ "where i.provider || '$' || i.provider_user_id = ?", Integer.class, socialId);
	}

	private static SignInProfile profile(String id, String name, String email) {
		return SignInProfile.of("facebook", id, email, null, name);
	}

	@TestConfiguration
	static class FixedClock {

		static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
