package io.github.oauthsignin.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives the pages of a request that "Keep me signed in" has just signed in their CSRF token. The CSRF filter ran
 * before remember-me made the session, and puts a token in pages only where a session exists
 * ({@link SessionCsrfTokenRequestHandler}); placed after remember-me, this hands the same deferred token on once the
 * session is there, so that the first page such a person sees has working forms.
 */
final class RememberedCsrfTokenFilter extends OncePerRequestFilter {

	private final CsrfTokenRequestHandler handler;

	RememberedCsrfTokenFilter(CsrfTokenRequestHandler handler) {
		this.handler = handler;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getAttribute(CsrfToken.class.getName()) == null && SessionCsrfTokenRequestHandler.hasSession(request)
				&& request.getAttribute(DeferredCsrfToken.class.getName()) instanceof DeferredCsrfToken deferred) {
			this.handler.handle(request, response, deferred::get);
		}
		chain.doFilter(request, response);
	}

}
