package io.github.oauthsignin.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.CompositeLogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfLogoutHandler;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Signs the person out of the browser that sent this request, the way {@code POST /logout} does (CSRF token
 * dropped, remember-me cookie cancelled and its tokens revoked, what {@link SignOutCleanup}s forget forgotten,
 * session invalidated, security context cleared),
 * for the pages that end a sign-in themselves, such as deleting the account.
 */
@Component
public class SessionSignOut {

	private final LogoutHandler handlers;

	SessionSignOut(CsrfTokenRepository csrfTokens, SignInRememberMeServices rememberMe,
			SecurityContextRepository contextRepository, List<SignOutCleanup> cleanups) {
		SecurityContextLogoutHandler context = new SecurityContextLogoutHandler();
		context.setSecurityContextRepository(contextRepository);
		LogoutHandler forget = (request, response, authentication) -> cleanups
			.forEach((cleanup) -> cleanup.forget(request, response));
		this.handlers = new CompositeLogoutHandler(new CsrfLogoutHandler(csrfTokens), rememberMe, forget, context);
	}

	/** Signs out this browser; the authentication may be null (nobody signed in), then only the session goes. */
	public void signOut(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		this.handlers.logout(request, response, authentication);
	}

}
