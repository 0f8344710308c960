package io.github.oauthsignin.security;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

import io.github.oauthsignin.config.SharedSecrets;
import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.session.Installation;
import io.github.oauthsignin.user.SessionVersions;
import io.github.oauthsignin.user.UserRepository;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * What a {@code @WebMvcTest} slice needs of the security configuration to run the app's real filter chain
 * ({@link SecurityConfiguration}: access rules, CSRF, the cross-site check, {@link SignedInSessionCheck}, headers,
 * logout): the chain itself, and real {@link SessionVersions} and {@link SharedSecrets} over a {@link JdbcTemplate}
 * mock that holds nothing (so a session counts only when {@code SignedInRequests.signedIn} announced it, as a real
 * sign-in does). The database's installation id is {@link #INSTALLATION}; the accounts and the response to a
 * stolen remember-me cookie are mocks, and the remember-me tokens' {@link DataSource} one no request reaches. Used through {@code io.github.oauthsignin.person.SignInWebMvcTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ SecurityConfiguration.class, SessionVersions.class, SharedSecrets.class })
@EnableConfigurationProperties({ RememberMeProperties.class, ContentSecurityPolicyProperties.class,
		OperatorAddresses.class })
public class SecuritySlice {

	/** The installation id of the slice's database. */
	public static final String INSTALLATION = "web-mvc-test-installation";

	/** The database behind the remember-me tokens, which no slice reaches: only a request with such a cookie would. */
	@Bean
	DataSource noDatabase() {
		return mock(DataSource.class);
	}

	@Bean
	RememberMeTheft rememberMeTheft() {
		return mock(RememberMeTheft.class);
	}

	/** The accounts, none: a test that reads some declares its own {@code @MockitoBean UserRepository}. */
	@Bean
	UserRepository users() {
		return mock(UserRepository.class);
	}

	@Bean
	Installation installation() {
		Installation installation = mock(Installation.class);
		given(installation.id()).willReturn(INSTALLATION);
		return installation;
	}

	/** A database that holds nothing: every query finds no row, every update changes none. */
	@Bean
	JdbcTemplate emptyDatabase() {
		return mock(JdbcTemplate.class);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** The security context a session keeps for this person, as {@link SessionSignIn} makes it. */
	public static SecurityContext contextOf(SignedInUser person) {
		return new SecurityContextImpl(new PreAuthenticatedAuthenticationToken(person, null, SessionSignIn.AUTHORITIES));
	}

}
