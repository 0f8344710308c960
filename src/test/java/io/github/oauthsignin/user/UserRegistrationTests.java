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
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.github.oauthsignin.user.UserRegistration.Registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The user store against the real schema (Flyway's migrations on H2), outside test transactions. */
@DataJpaTest
@Import({ UserRegistration.class, UserRegistrationTests.FixedClock.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class UserRegistrationTests {

	static final SignInOrigin ORIGIN = new SignInOrigin("203.0.113.7", "Firefox", "Linux");

	@Autowired
	UserRegistration registration;

	@Autowired
	SignInHistory history;

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
		Registration registered = this.registration.findOrRegister(profile("101", "Ada Lovelace", "ada@example.com"), ORIGIN);
		assertThat(registered.created()).isTrue();
		User stored = this.identities.findWithUser(new SocialId("facebook", "101")).orElseThrow().user();
		assertThat(stored.getNickname()).isEqualTo("Ada Lovelace");
		assertThat(stored.getEmail()).isEqualTo("ada@example.com");
		assertThat(stored.getCreatedAt()).isEqualTo(FixedClock.NOW);
	}

	@Test
	void findOrRegisterWhenReturningThenSameUserRefreshed() {
		Registration first = this.registration.findOrRegister(profile("102", "Ada", "ada@example.com"), ORIGIN);
		Registration second = this.registration.findOrRegister(profile("102", "Ada King", null), ORIGIN);
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
					return this.registration.findOrRegister(profile, ORIGIN);
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
		Registration winner = this.registration.findOrRegister(profile("104", "Alan", null), ORIGIN);
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
		UserRegistration loser = new UserRegistration(this.users, racing, this.history, this.transactionManager,
				Clock.systemUTC());
		Registration registered = loser.findOrRegister(profile("104", "Alan Turing", null), ORIGIN);
		assertThat(missedOnce).isTrue();
		assertThat(registered.created()).isFalse();
		assertThat(registered.user().getId()).isEqualTo(winner.user().getId());
		assertThat(registered.user().getNickname()).isEqualTo("Alan Turing");
		assertThat(countRows("facebook$104")).isEqualTo(1);
	}

	@Test
	void findOrRegisterWhenNameIs300CharactersThenShortenedNotRefused() {
		String name = "Ω".repeat(299) + "🚀";
		Registration registered = this.registration.findOrRegister(profile("105", name, null), ORIGIN);
		String stored = this.users.findById(registered.user().getId()).orElseThrow().getNickname();
		assertThat(stored).hasSize(ProfileDetails.MAX_NAME_LENGTH).isEqualTo("Ω".repeat(100));
	}

	@Test
	void findOrRegisterWhenEmojiAndNonLatinThenRoundTripIntact() {
		String name = "Zoë 🚀 张伟 Дмитрий عبد الله";
		Registration registered = this.registration.findOrRegister(profile("106", name, "zoë@例え.jp"), ORIGIN);
		String stored = this.jdbc.queryForObject("select nickname from users where id = ?", String.class,
				registered.user().getId());
		assertThat(stored).isEqualTo(name);
		assertThat(this.users.findById(registered.user().getId()).orElseThrow().getEmail()).isEqualTo("zoë@例え.jp");
	}

	private int countRows(String socialId) {
		return this.jdbc.queryForObject("select count(*) from users u join identities i on i.user_id = u.id "
				+ "where i.provider || '$' || i.provider_user_id = ?", Integer.class, socialId);
	}

	@Test
	void findOrRegisterWhenSignedInThenHistoryRowWithProviderTimeAddressAndBrowser() {
		Registration registered = this.registration.findOrRegister(profile("107", "Grace", null), ORIGIN);
		this.registration.findOrRegister(profile("107", "Grace", null),
				new SignInOrigin("2001:db8::1", "Safari", "iOS"));
		List<PastSignIn> latest = this.history.latest(registered.user().getId(), 20);
		assertThat(latest).hasSize(2);
		assertThat(latest).extracting(PastSignIn::getProvider).containsOnly("facebook");
		assertThat(latest).extracting(PastSignIn::getClientAddress).containsExactly("2001:db8::1", "203.0.113.7");
		assertThat(latest).extracting(PastSignIn::getBrowser).containsExactly("Safari", "Firefox");
		assertThat(latest).extracting(PastSignIn::getSystem).containsExactly("iOS", "Linux");
		assertThat(latest.get(1).getSignedInAt()).isEqualTo(registered.user().getLastSignInAt());
	}

	@Test
	void findOrRegisterWhenHistoryWriteFailsThenNoAccountEither() {
		SignInHistory failing = (SignInHistory) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { SignInHistory.class }, (proxy, method, args) -> {
					throw new DataAccessResourceFailureException("the database went away");
				});
		UserRegistration registration = new UserRegistration(this.users, this.identities, failing,
				this.transactionManager, Clock.systemUTC());
		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> registration.findOrRegister(profile("108", "Barbara", null), ORIGIN));
		assertThat(countRows("facebook$108")).isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from users where nickname = 'Barbara'", Integer.class))
			.isZero();
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
