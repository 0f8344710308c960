package io.github.oauthsignin.providers.apple;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.PlatformTransactionManager;

import io.github.oauthsignin.person.SignInWebMvcTest;
import io.github.oauthsignin.providers.apple.AppleNotifications.InvalidNotificationException;
import io.github.oauthsignin.providers.apple.AppleNotifications.Notification;
import io.github.oauthsignin.signin.SignInProperties;
import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.signin.StubSignInProvider;
import io.github.oauthsignin.user.IdentityRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * What Apple posts on its own: {@code POST /apple/notifications} behind the app's real filter chain, with Apple's key
 * check and the database's work stood in for (their rules are {@code AppleNotificationsTests}'): no session, no CSRF
 * token, no Origin, answered 200 once acted on, 400 when it does not verify or is no JSON body, 404 without Apple.
 */
@SignInWebMvcTest(AppleNotificationsController.class)
@Import(AppleNotificationsControllerTests.Apple.class)
class AppleNotificationsControllerTests {

	private static final Notification CONSENT_REVOKED = new Notification("jti-1", "consent-revoked", "001234.abcd");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ClientRegistrationRepository registrations;

	@MockitoBean
	AppleNotifications notifications;

	@MockitoBean
	PlatformTransactionManager transactions;

	@Test
	void notificationWhenVerifiedThenActedOnWithoutASessionAndAnsweredOk() {
		ClientRegistration apple = appleConfigured();
		given(this.notifications.verify(apple, "signed.jwt.payload")).willReturn(CONSENT_REVOKED);
		given(this.notifications.act("apple", CONSENT_REVOKED)).willReturn(true);

		MvcTestResult answer = post("{\"payload\":\"signed.jwt.payload\"}");

		assertThat(answer).hasStatusOk().bodyJson().isLenientlyEqualTo("{\"status\":\"ok\"}");
		assertThat(answer.getRequest().getSession(false)).as("no session for Apple's server").isNull();
		then(this.notifications).should().act("apple", CONSENT_REVOKED);
	}

	@Test
	void notificationWhenItDoesNotVerifyThenBadRequestAndNothingDone() {
		ClientRegistration apple = appleConfigured();
		given(this.notifications.verify(apple, "forged")).willThrow(new InvalidNotificationException("bad signature"));

		assertThat(post("{\"payload\":\"forged\"}")).hasStatus(400)
			.bodyJson()
			.isLenientlyEqualTo("{\"error\":\"invalid notification\"}");
		then(this.notifications).should(never()).act(anyString(), any());
	}

	@Test
	void notificationWhenNoJsonOrNoPayloadOrTooLargeThenBadRequestAndNothingVerified() {
		appleConfigured();

		assertThat(post("payload=x")).hasStatus(400);
		assertThat(post("{\"other\":\"x\"}")).hasStatus(400);
		assertThat(post("{\"payload\":\"" + "a".repeat(AppleNotificationsController.MAX_BODY) + "\"}")).hasStatus(400);
		then(this.notifications).should(never()).verify(any(), anyString());
	}

	@Test
	void notificationWhenAppleIsNotConfiguredThenNotFound() {
		assertThat(post("{\"payload\":\"signed.jwt.payload\"}")).hasStatus(404);
		then(this.notifications).shouldHaveNoInteractions();
	}

	private MvcTestResult post(String body) {
		return this.mvc.post()
			.uri("/apple/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private ClientRegistration appleConfigured() {
		ClientRegistration apple = ClientRegistration.withRegistrationId("apple")
			.clientId("com.example.web")
			.redirectUri("{baseUrl}/callback/apple")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationUri("https://appleid.apple.com/auth/authorize")
			.tokenUri("https://appleid.apple.com/auth/token")
			.build();
		given(this.registrations.findByRegistrationId("apple")).willReturn(apple);
		return apple;
	}

	/** Apple's preset as the slice's provider: its descriptor names the paths Apple posts to on its own. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Apple {

		@Bean
		SignInProvider apple() {
			ApplePreset preset = new ApplePreset(new MockEnvironment(), mock(AppleProperties.class),
					mock(SignInProperties.class), mock(IdentityRepository.class), Clock.systemUTC());
			return new StubSignInProvider(preset, (parameters) -> {
				throw new IllegalStateException("no sign-in in these tests");
			});
		}

	}

}
