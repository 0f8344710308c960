package io.github.oauthsignin.signin.oauth2;

import java.net.URI;
import java.util.Locale;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.oauth2.Flavour;
import io.github.oauthsignin.fake.oauth2.IdTokenAttack;
import io.github.oauthsignin.support.StandIn;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issuers whose keys are not RSA: each one an OpenID Connect provider configured by the five standard properties
 * alone, whose discovery lists the one algorithm it signs ID tokens with and whose JWK Set holds that key: ES256
 * (ECDSA on P-256), PS256 (RSA-PSS) and EdDSA (Ed25519, verified by the JDK). A sign-in through each works, and a
 * token whose signature does not verify under that algorithm is still refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdTokenAlgorithmsTests {

	private static final StandInProviders issuers = StandInProviders.start(signingWith("es-id", "ES256"),
			signingWith("ps-id", "PS256"), signingWith("ed-id", "EdDSA"));

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		issuers.register(registry);
	}

	@BeforeEach
	void allowCallbacks() {
		issuers.reset();
		issuers.allowCallbacksAt("http://localhost:" + this.port);
	}

	@ParameterizedTest
	@CsvSource({ "es-id, ES256", "ps-id, PS256", "ed-id, EdDSA" })
	void signInWhenIssuerSignsWithThisAlgorithmThenSignedIn(String id, String algorithm) {
		FakeOAuth2Provider issuer = issuers.fake(id, FakeOAuth2Provider.class);
		issuer.nextPerson(new FakePerson("signs-" + algorithm, "Ada " + algorithm, "ada", "ada@example.com", null));
		TestBrowser.Page page = signIn(name(id));
		assertThat(page.greeting()).contains("Hi, Ada " + algorithm + "!");
		assertThat(issuer.issuedIdTokens()).isNotEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from identities where provider = ? and provider_user_id = ?",
				Integer.class, id, "signs-" + algorithm)).isEqualTo(1);
		assertThat(issuer.refusals()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "es-id, ES256", "ps-id, PS256", "ed-id, EdDSA" })
	void forgedIdTokenWhenSignedByAnotherKeyOfThisAlgorithmThenRefused(String id, String algorithm) {
		FakeOAuth2Provider issuer = issuers.fake(id, FakeOAuth2Provider.class);
		issuer.nextPerson(new FakePerson("forged-" + algorithm, "Mallory", "mallory", null, null));
		issuer.attackNextIdToken(IdTokenAttack.BAD_SIGNATURE);
		TestBrowser.Page page = signIn(name(id));
		assertThat(page.message()).contains("The answer from " + name(id)
				+ " did not pass our checks, so nobody was signed in. Please try again.");
		assertThat(page.greeting()).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from identities where provider_user_id = ?",
				Integer.class, "forged-" + algorithm)).isZero();
	}

	private TestBrowser.Page signIn(String name) {
		TestBrowser browser = new TestBrowser(URI.create("http://localhost:" + this.port + "/"));
		return browser.pressAndFollow(browser.open("/"), "Sign in with " + name);
	}

	private static String name(String id) {
		return id.substring(0, 2).toUpperCase(Locale.ROOT) + " ID";
	}

	/** An OpenID Connect issuer without preset that signs its ID tokens with this algorithm. */
	private static Supplier<StandIn> signingWith(String id, String algorithm) {
		return () -> {
			FakeOAuth2Provider fake = FakeOAuth2Provider.start(Flavour.OIDC, id + "-client", id + "-secret");
			fake.signIdTokensWith(algorithm);
			return StandIn.openIdConnect(id, name(id), fake, id + "-client", id + "-secret");
		};
	}

}
