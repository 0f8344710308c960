package io.github.oauthsignin.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.authentication.rememberme.CookieTheftException;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.oauthsignin.web.PageMessages;

/**
 * The page for the browser that presented a used "Keep me signed in" token: Spring Security's remember-me filter
 * lets its {@link CookieTheftException} out (a 500 otherwise), after {@link RememberMeTheft} ended everything and
 * the cookie was cancelled. This filter, just before it, sends the browser to the home page, signed out, with a
 * message that says what happened.
 */
final class RememberMeTheftPage extends OncePerRequestFilter {

	private final PageMessages messages;

	RememberMeTheftPage(PageMessages messages) {
		this.messages = messages;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (CookieTheftException ex) {
			this.messages.flash(request, response, ReturnPaths.HOME, "rememberMe.stolen");
			response.sendRedirect(request.getContextPath() + ReturnPaths.HOME);
		}
	}

}
