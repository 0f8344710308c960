package io.github.oauthsignin.passkey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.MapPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.MapUserCredentialRepository;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.web.PageMessages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Adding a passkey, the controller alone: the options it gives (for the account's user handle, showing the
 * person's name, user verification and a discoverable credential required), the challenge it keeps in the session
 * and uses once, and the message each outcome leaves on the account page. Spring Boot's default filter chain stands in for the app's (whose
 * rules are the security tests'); only this controller is loaded.
 */
@WebMvcTest(useDefaultFilters = false,
		includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = PasskeyRegistrationController.class))
@Import(PasskeyRegistrationControllerTests.Fixed.class)
class PasskeyRegistrationControllerTests {

	static final Instant NOW = Instant.parse("2026-12-04T18:00:00Z");

	static final PasskeyProperties PROPERTIES = new PasskeyProperties(null, "Test", Duration.ofMinutes(5));

	private static final SignedInUser ADA = new SignedInUser(42, "Ada Lovelace", null, null, "ada", "facebook",
			new SignedInUser.Stamp("installation", 1));

	private static final PublicKeyCredentialUserEntity ENTITY = ImmutablePublicKeyCredentialUserEntity.builder()
		.id(Bytes.fromBase64("dXNlci1oYW5kbGU"))
		.name("42")
		.displayName("Ada Lovelace")
		.build();

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private RelyingParties parties;

	@MockitoBean
	private PasskeyCredentials credentials;

	@MockitoBean
	private PageMessages messages;

	@BeforeEach
	void relyingParty() {
		MapPublicKeyCredentialUserEntityRepository entities = new MapPublicKeyCredentialUserEntityRepository();
		entities.save(ENTITY);
		given(this.parties.of(any())).willReturn(RelyingParties.create(entities, new MapUserCredentialRepository(),
				PROPERTIES, "localhost", "http://localhost"));
		given(this.credentials.userEntity(42, "Ada Lovelace")).willReturn(ENTITY);
	}

	@Test
	void optionsWhenSignedInThenForTheAccountsUserHandleShowingTheirNameWithVerificationRequired() throws Exception {
		MockHttpSession session = new MockHttpSession();

		this.mvc.perform(asAda(post("/account/passkeys/options")).session(session))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.user.id").value("dXNlci1oYW5kbGU"))
			.andExpect(jsonPath("$.user.name").value("ada"))
			.andExpect(jsonPath("$.user.displayName").value("Ada Lovelace"))
			.andExpect(jsonPath("$.rp.id").value("localhost"))
			.andExpect(jsonPath("$.authenticatorSelection.userVerification").value("required"))
			.andExpect(jsonPath("$.authenticatorSelection.residentKey").value("required"))
			.andExpect(jsonPath("$.timeout").value(300000));

		PasskeyChallenge kept = (PasskeyChallenge) session.getAttribute(PasskeyRegistrationController.CHALLENGE);
		assertThat(kept.rpId()).isEqualTo("localhost");
		assertThat(kept.userHandle()).isEqualTo(ENTITY.getId().getBytes());
		assertThat(kept.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
	}

	@Test
	void registerWhenNoChallengeWasGivenThenExpiredAndNothingStored() throws Exception {
		this.mvc.perform(asAda(post("/account/passkeys")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"credential\":{\"id\":\"AQ\",\"rawId\":\"AQ\",\"type\":\"public-key\",\"response\":"
					+ "{\"attestationObject\":\"AQ\",\"clientDataJSON\":\"AQ\"},\"clientExtensionResults\":{}}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.redirect").value("/account"));

		then(this.messages).should().flash(any(HttpServletRequest.class), any(HttpServletResponse.class), eq("/account"), eq("passkey.add.expired"));
	}

	@Test
	void registerWhenTheChallengeWasUsedThenTheSecondAnswerIsExpired() throws Exception {
		MockHttpSession session = new MockHttpSession();
		this.mvc.perform(asAda(post("/account/passkeys/options")).session(session)).andExpect(status().isOk());

		this.mvc.perform(asAda(post("/account/passkeys")).session(session).content("{\"error\":\"NotAllowedError\"}"))
			.andExpect(status().isOk());
		assertThat(session.getAttribute(PasskeyRegistrationController.CHALLENGE)).isNull();
		then(this.messages).should().flash(any(HttpServletRequest.class), any(HttpServletResponse.class), eq("/account"), eq("passkey.add.cancelled"));
	}

	@Test
	void registerWhenTheBrowserSaysThisAuthenticatorHasOneThenAlreadyRegistered() throws Exception {
		this.mvc.perform(asAda(post("/account/passkeys")).content("{\"error\":\"InvalidStateError\"}"))
			.andExpect(jsonPath("$.redirect").value("/account"));

		then(this.messages).should().flash(any(HttpServletRequest.class), any(HttpServletResponse.class), eq("/account"), eq("passkey.add.alreadyRegistered"));
	}

	@Test
	void registerWhenTheBodyIsNoCredentialThenRefused() throws Exception {
		this.mvc.perform(asAda(post("/account/passkeys")).content("[1, 2]"))
			.andExpect(jsonPath("$.redirect").value("/account"));

		then(this.messages).should().flash(any(HttpServletRequest.class), any(HttpServletResponse.class), eq("/account"), eq("passkey.add.refused"));
	}

	private static MockHttpServletRequestBuilder asAda(MockHttpServletRequestBuilder request) {
		PreAuthenticatedAuthenticationToken signedIn = new PreAuthenticatedAuthenticationToken(ADA, null,
				AuthorityUtils.createAuthorityList("ROLE_USER"));
		return request.with(authentication(signedIn)).with(csrf());
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
