package io.github.oauthsignin.passkey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.webauthn.management.MapPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.MapUserCredentialRepository;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.github.oauthsignin.signin.SignInChallenges;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The passkey sign-in controller alone: what it asks of the challenge store and the sign-in, and what it answers.
 * The relying party is Spring Security's, on maps. Only this controller is loaded (not the app's other controller
 * advice), and the filter chain is left out: what it does is the security tests'.
 */
@WebMvcTest(useDefaultFilters = false,
		includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = PasskeySignInController.class))
@AutoConfigureMockMvc(addFilters = false)
@Import(PasskeySignInControllerTests.Fixed.class)
class PasskeySignInControllerTests {

	static final Instant NOW = Instant.parse("2026-12-04T18:00:00Z");

	static final PasskeyProperties PROPERTIES = new PasskeyProperties(null, "Test", Duration.ofMinutes(5));

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private RelyingParties parties;

	@MockitoBean
	private SignInChallenges challenges;

	@MockitoBean
	private PasskeySignIn signIn;

	@BeforeEach
	void relyingParty() {
		given(this.parties.of(any())).willReturn(RelyingParties.create(new MapPublicKeyCredentialUserEntityRepository(),
				new MapUserCredentialRepository(), PROPERTIES, "localhost", "http://localhost"));
	}

	@Test
	void optionsWhenAnonymousThenAChallengeKeptForThisBrowserWithWhereToGoAndTheChoiceToStay() throws Exception {
		given(this.challenges.start(any(), any(), eq("passkey"), anyString(), any(), eq("/account"), eq(true)))
			.willReturn(true);

		this.mvc.perform(post("/passkey/options").param("next", "/account").param("remember-me", "true"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.rpId").value("localhost"))
			.andExpect(jsonPath("$.challenge").isString())
			.andExpect(jsonPath("$.allowCredentials").isEmpty())
			.andExpect(jsonPath("$.userVerification").value("required"));

		then(this.challenges).should()
			.start(any(), any(), eq("passkey"), anyString(),
					org.mockito.ArgumentMatchers.<PasskeyChallenge>argThat((challenge) -> challenge.rpId()
						.equals("localhost") && challenge.expiresAt().equals(NOW.plus(Duration.ofMinutes(5)))
							&& challenge.userHandle() == null
							&& challenge.requestOptions().getUserVerification().getValue().equals("required")),
					eq("/account"), eq(true));
	}

	@Test
	void optionsWhenAPageElsewhereIsAskedForThenHomeInstead() throws Exception {
		given(this.challenges.start(any(), any(), anyString(), anyString(), any(), anyString(), anyBoolean()))
			.willReturn(true);

		this.mvc.perform(post("/passkey/options").param("next", "https://evil.example/")).andExpect(status().isOk());

		then(this.challenges).should().start(any(), any(), eq("passkey"), anyString(), any(), eq("/"), eq(false));
	}

	@Test
	void optionsWhenTooManySignInsStartedFromThisAddressThen429() throws Exception {
		given(this.challenges.start(any(), any(), anyString(), anyString(), any(), anyString(), anyBoolean()))
			.willReturn(false);

		this.mvc.perform(post("/passkey/options")).andExpect(status().isTooManyRequests());
	}

	@Test
	void optionsWhenSignedInThenConflictAndNoChallenge() throws Exception {
		this.mvc.perform(post("/passkey/options").principal(signedIn()))
			.andExpect(status().isConflict());

		then(this.challenges).shouldHaveNoInteractions();
	}

	@Test
	void signInWhenAnsweredThenWhereTheSignInSays() throws Exception {
		given(this.signIn.complete(any(), any(), any(), any())).willReturn("/account");

		this.mvc.perform(post("/passkey/sign-in").contentType(MediaType.APPLICATION_JSON).content("{\"error\":\"x\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.redirect").value("/account"));

		then(this.signIn).should()
			.complete(org.mockito.ArgumentMatchers.argThat((posted) -> posted.orElseThrow().error().orElseThrow()
				.equals("x")), any(), any(), any());
	}

	@Test
	void signInWhenTheBodyIsTooLargeThenNotReadAndTheSignInSaysWhy() throws Exception {
		given(this.signIn.complete(any(), any(), any(), any())).willReturn("/");

		this.mvc.perform(post("/passkey/sign-in").contentType(MediaType.APPLICATION_JSON)
			.content("{\"error\":\"" + "x".repeat(PasskeyJson.MAX_BODY) + "\"}")).andExpect(status().isOk());

		then(this.signIn).should()
			.complete(org.mockito.ArgumentMatchers.argThat((posted) -> posted.isEmpty()), any(), any(), any());
	}

	@Test
	void signInWhenSignedInAlreadyThenHomeWithoutChecking() throws Exception {
		this.mvc.perform(post("/passkey/sign-in").principal(signedIn()).content("{}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.redirect").value("/"));

		then(this.signIn).shouldHaveNoInteractions();
	}

	private static PreAuthenticatedAuthenticationToken signedIn() {
		return new PreAuthenticatedAuthenticationToken("someone", null, AuthorityUtils.createAuthorityList("ROLE_USER"));
	}

	@TestConfiguration
	static class Fixed {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

		@Bean
		PasskeyProperties passkeyProperties() {
			return PROPERTIES;
		}

	}

}
