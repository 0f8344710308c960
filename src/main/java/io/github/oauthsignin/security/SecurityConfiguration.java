package io.github.oauthsignin.security;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.rememberme.RememberMeAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.session.Installation;
import io.github.oauthsignin.user.SessionVersions;
import io.github.oauthsignin.user.UserRepository;
import io.github.oauthsignin.web.PageMessages;

/**
 * The one filter chain. Sign-in is not a Spring Security login filter but the {@code signin} controllers, which
 * hand the result to {@link SessionSignIn}; everything around it (sessions, CSRF, headers, logout) is Spring
 * Security's, but for the check that refuses forms of other sites ({@link CrossSiteForms}). Nothing here creates a
 * session for a visitor who is not signed in.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityContextRepository contextRepository,
			CsrfTokenRepository csrfTokenRepository, SignInRememberMeServices rememberMe,
			List<ServerToServerPosts> exemptPosts, List<SignOutCleanup> cleanups, PageMessages messages,
			ContentSecurityPolicyProperties contentSecurityPolicy, SignInFormTargets formTargets,
			OperatorAddresses operators, RememberMeProperties rememberMeProperties) {
		new CrossSiteForms(exemptPosts, rememberMeProperties.cookieName(), csrfTokenRepository, messages).applyTo(http);
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/actuator/info", "/actuator/prometheus")
			.access(operators.access())
			.requestMatchers("/actuator/**")
			.denyAll()
			.requestMatchers("/account/**")
			.authenticated()
			.anyRequest()
			.permitAll())
			.securityContext((context) -> context.securityContextRepository(contextRepository))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(DelegatingAuthenticationEntryPoint.builder()
				.addEntryPointFor(new HttpStatusEntryPoint(HttpStatus.FORBIDDEN),
						PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"))
				.defaultEntryPoint(new SignInFirstEntryPoint(messages))
				.build())
				.accessDeniedHandler((request, response, denied) -> refuseStaleForm(request, response, denied,
						messages)))
			.rememberMe((remember) -> remember.rememberMeServices(rememberMe).key(rememberMe.getKey()))
			.addFilterBefore(new RememberMeTheftPage(messages), RememberMeAuthenticationFilter.class)
			.logout((logout) -> logout.logoutUrl("/logout")
				.addLogoutHandler((request, response, signedOut) -> cleanups
					.forEach((cleanup) -> cleanup.forget(request, response)))
				.logoutSuccessHandler((request, response, signedOut) -> {
					messages.flash(request, response, ReturnPaths.HOME, "signout.done");
					response.sendRedirect(request.getContextPath() + ReturnPaths.HOME);
				}))
			.headers((headers) -> headers
				.addHeaderWriter(new ContentSecurityPolicyHeaderWriter(contentSecurityPolicy, formTargets))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions((frames) -> frames.deny()))
			.requestCache((cache) -> cache.disable());
		return http.build();
	}

	/** One warning when forwarded headers come from an address that is not a named proxy. */
	@Bean
	FilterRegistrationBean<UntrustedForwardedHeadersWarning> untrustedForwardedHeadersWarning() {
		FilterRegistrationBean<UntrustedForwardedHeadersWarning> registration = new FilterRegistrationBean<>(
				new UntrustedForwardedHeadersWarning());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	@Bean
	SignInRememberMeServices rememberMeServices(UserRepository users, RememberMeTokens tokens,
			RememberMeProperties properties, Installation installation, SessionVersions versions,
			RememberMeTheft theft) {
		// The key only signs the in-memory authentication of one request; tokens themselves live in the database.
		SignInRememberMeServices services = new SignInRememberMeServices(UUID.randomUUID().toString(), users, tokens,
				installation, versions, theft);
		services.setTokenValiditySeconds((int) properties.validity().toSeconds());
		services.setCookieName(properties.cookieName());
		services.setCookieCustomizer((cookie) -> cookie.setAttribute("SameSite", "Lax"));
		return services;
	}

	/**
	 * The remember-me tokens ({@code persistent_logins}, username = user id), a bean of its own so that deleting
	 * an account or signing a person out everywhere can revoke them.
	 */
	@Bean
	RememberMeTokens persistentTokenRepository(DataSource dataSource) {
		RememberMeTokens tokens = new RememberMeTokens();
		tokens.setDataSource(dataSource);
		return tokens;
	}

	/**
	 * No Micrometer observation around each security filter while observations are off
	 * ({@code management.observations.enable.all=false}, the default in application.properties): switched off by
	 * that property alone, Spring Security would still wrap every filter of every request in a no-op observation,
	 * which cost about a tenth of the CPU of a sign-in. Turning the property on brings these back too.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "management.observations.enable.all", havingValue = false)
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** Spring Security's, each context read from a session checked on use ({@link SignedInSessionCheck}). */
	@Bean
	SecurityContextRepository securityContextRepository(Installation installation, SessionVersions versions) {
		return new SignedInSessionCheck(new DelegatingSecurityContextRepository(
				new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository()),
				installation, versions);
	}

	@Bean
	CsrfTokenRepository csrfTokenRepository() {
		return new HttpSessionCsrfTokenRepository();
	}

	@Bean
	SessionAuthenticationStrategy sessionAuthenticationStrategy(CsrfTokenRepository csrfTokens) {
		return new CompositeSessionAuthenticationStrategy(
				List.of(new ChangeSessionIdAuthenticationStrategy(), new CsrfAuthenticationStrategy(csrfTokens)));
	}

	/**
	 * A form without a valid CSRF token is refused; a person whose page simply went stale (their session expired,
	 * or they signed out in another tab) is sent home to try again, with a word about why, instead of an error.
	 */
	private static void refuseStaleForm(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException denied, PageMessages messages) throws IOException {
		if (denied instanceof CsrfException) {
			messages.flash(request, response, ReturnPaths.HOME, "form.stale");
			response.sendRedirect(request.getContextPath() + ReturnPaths.HOME);
			return;
		}
		response.sendError(HttpServletResponse.SC_FORBIDDEN);
	}

	/**
	 * Sends an anonymous visitor of a signed-in page to the home page to sign in, saying why, and remembering the
	 * page so that sign-in can bring them back.
	 */
	static final class SignInFirstEntryPoint implements AuthenticationEntryPoint {

		private final PageMessages messages;

		SignInFirstEntryPoint(PageMessages messages) {
			this.messages = messages;
		}

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException authException) throws IOException {
			this.messages.flash(request, response, ReturnPaths.HOME, "account.signInFirst");
			String path = request.getRequestURI().substring(request.getContextPath().length());
			UriComponentsBuilder home = UriComponentsBuilder.fromPath(request.getContextPath() + "/");
			if (ReturnPaths.isSafe(path)) {
				home.queryParam("next", "{next}");
			}
			response.sendRedirect(home.encode().buildAndExpand(path).toUriString());
		}

	}

}
