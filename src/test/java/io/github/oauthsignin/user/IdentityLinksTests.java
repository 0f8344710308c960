package io.github.oauthsignin.user;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.github.oauthsignin.user.IdentityLinks.Link;
import io.github.oauthsignin.user.IdentityLinks.Unlink;

import static org.assertj.core.api.Assertions.assertThat;

/** Connecting and disconnecting identities against the real schema (Flyway's migrations on H2). */
@DataJpaTest
@Import({ UserRegistration.class, IdentityLinks.class, UserRegistrationTests.FixedClock.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class IdentityLinksTests {

	@Autowired
	UserRegistration registration;

	@Autowired
	IdentityLinks links;

	@Autowired
	UserRepository users;

	@Autowired
	IdentityRepository identities;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void linkWhenNewIdentityThenConnectedAndTheAccountStillShowsItsSignIn() {
		long account = register("facebook", "201", "Ada");
		assertThat(this.links.link(account, profile("github", "201", "Ada on GitHub"))).isEqualTo(Link.CONNECTED);
		assertThat(this.links.identitiesOf(account)).extracting(Identity::getProvider)
			.containsExactlyInAnyOrder("facebook", "github");
		assertThat(this.users.findById(account).orElseThrow().getNickname()).isEqualTo("Ada");
	}

	@Test
	void linkWhenIdentityOfAnotherAccountThenRefusedAndNothingChanges() {
		long owner = register("github", "202", "Owner");
		long other = register("facebook", "202", "Other");
		assertThat(this.links.link(other, profile("github", "202", "Owner"))).isEqualTo(Link.USED_BY_ANOTHER_ACCOUNT);
		assertThat(this.links.identitiesOf(owner)).hasSize(1);
		assertThat(this.links.identitiesOf(other)).hasSize(1);
	}

	@Test
	void linkWhenAnotherIdentityOfTheSameProviderThenRefused() {
		long account = register("facebook", "203", "Ada");
		this.links.link(account, profile("github", "2031", "First GitHub"));
		assertThat(this.links.link(account, profile("github", "2032", "Second GitHub")))
			.isEqualTo(Link.OTHER_IDENTITY_OF_THIS_PROVIDER);
		assertThat(this.links.identitiesOf(account)).hasSize(2);
	}

	@Test
	void linkWhenInsertClashesWithAnotherAccountsLinkThenRetriedAndRefused() {
		long winner = register("facebook", "204", "Winner");
		long loser = register("facebook", "2041", "Loser");
		this.links.link(winner, profile("github", "204", "Contested"));
		// The loser's first look misses the winner's row, as a request at the same moment would.
		AtomicBoolean missedOnce = new AtomicBoolean();
		IdentityRepository racing = (IdentityRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { IdentityRepository.class }, (proxy, method, args) -> {
					if (method.getName().equals("findWithUser")
							&& missedOnce.compareAndSet(false, true)) {
						return Optional.empty();
					}
					try {
						return method.invoke(this.identities, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		IdentityLinks racingLinks = new IdentityLinks(this.users, racing, this.transactionManager,
				Clock.systemUTC(), List.of());
		assertThat(racingLinks.link(loser, profile("github", "204", "Contested")))
			.isEqualTo(Link.USED_BY_ANOTHER_ACCOUNT);
		assertThat(missedOnce).isTrue();
		assertThat(this.links.identitiesOf(loser)).hasSize(1);
	}

	@Test
	void unlinkWhenLastThenRefusedAndWhenNotThenTheAccountShowsTheOneLeft() {
		long account = register("facebook", "205", "Shown From Facebook");
		assertThat(this.links.unlink(account, "facebook")).isEqualTo(Unlink.LAST_ONE);
		this.links.link(account, profile("github", "205", "From GitHub"));
		assertThat(this.links.unlink(account, "facebook")).isEqualTo(Unlink.DISCONNECTED);
		assertThat(this.users.findById(account).orElseThrow().getNickname()).isEqualTo("From GitHub");
		assertThat(this.links.unlink(account, "github")).isEqualTo(Unlink.LAST_ONE);
		assertThat(this.links.unlink(account, "twitter")).isEqualTo(Unlink.NOT_CONNECTED);
	}

	@Test
	void removeWhenLastThenLeftForTheAccountDeletion() {
		long account = register("facebook", "206", "Only");
		assertThat(this.links.remove(account, "facebook")).isEqualTo(Unlink.WAS_THE_LAST);
		assertThat(this.links.identitiesOf(account)).hasSize(1);
	}

	private long register(String provider, String id, String name) {
		return this.registration.findOrRegister(profile(provider, id, name), UserRegistrationTests.ORIGIN).user().getId();
	}

	private static SignInProfile profile(String provider, String id, String name) {
		return SignInProfile.of(provider, id, null, null, name);
	}

}
