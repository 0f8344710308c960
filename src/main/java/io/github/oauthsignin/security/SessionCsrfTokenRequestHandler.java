package io.github.oauthsignin.security;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Spring Security's CSRF token (kept in the HTTP session, masked in each page as its default handler does) only
 * where a session exists, which is where someone is signed in: a page for a visitor carries no token, so that
 * rendering it never creates a session to keep one. Forms of visitors (the sign-in buttons) are guarded by
 * {@link CrossOriginProtectionFilter} alone; the filter chain requires the token only from signed-in browsers (a
 * session, or a remember-me cookie). A session that remember-me makes later in the request gets its token from
 * {@link RememberedCsrfTokenFilter}.
 */
final class SessionCsrfTokenRequestHandler implements CsrfTokenRequestHandler {

	private final XorCsrfTokenRequestAttributeHandler delegate = new XorCsrfTokenRequestAttributeHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
		if (hasSession(request)) {
			this.delegate.handle(request, response, csrfToken);
		}
	}

	@Override
	public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
		return this.delegate.resolveCsrfTokenValue(request, csrfToken);
	}

	/** Whether the request belongs to a session: the browser's cookie names one the server still has. */
	static boolean hasSession(HttpServletRequest request) {
		return request.getSession(false) != null;
	}

}
