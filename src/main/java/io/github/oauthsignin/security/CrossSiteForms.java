package io.github.oauthsignin.security;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.rememberme.RememberMeAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.WebUtils;

import io.github.oauthsignin.web.PageMessages;

/**
 * How the filter chain refuses forms of other sites (docs/SECURITY.md, "Forms of other sites"): by the browser's own
 * headers for every request that changes something ({@link CrossOriginProtectionFilter}), without any state, so the
 * sign-in buttons of a visitor's page need no token and no session; and where someone is signed in (a session, or a
 * remember-me cookie about to make one), by the session's CSRF token as well, for browsers that send neither header
 * ({@link SessionCsrfTokenRequestHandler}, {@link RememberedCsrfTokenFilter}). Exempt from both: what providers post on
 * their own ({@link ServerToServerPosts}: Facebook's signed callbacks while Facebook is configured), nothing else.
 */
final class CrossSiteForms {

	private final RequestMatcher exempt;

	private final RequestMatcher signedInBrowser;

	private final PageMessages messages;

	private final CsrfTokenRepository csrfTokens;

	/**
	 * @param exemptPosts every source of paths that other sites post to by design
	 * @param rememberMeCookie the name of the remember-me cookie
	 * @param csrfTokens where a session keeps its CSRF token
	 * @param messages for the refusal's message
	 */
	CrossSiteForms(List<ServerToServerPosts> exemptPosts, String rememberMeCookie, CsrfTokenRepository csrfTokens,
			PageMessages messages) {
		RequestMatcher[] paths = exemptPosts.stream()
			.flatMap((posts) -> posts.serverToServerPostPaths().stream())
			.map((path) -> PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path))
			.toArray(RequestMatcher[]::new);
		this.exempt = (paths.length > 0) ? new OrRequestMatcher(paths) : (request) -> false;
		this.signedInBrowser = (request) -> SessionCsrfTokenRequestHandler.hasSession(request)
				|| WebUtils.getCookie(request, rememberMeCookie) != null;
		this.csrfTokens = csrfTokens;
		this.messages = messages;
	}

	/** Adds the cross-site check before the CSRF filter, and the CSRF filter's settings. */
	void applyTo(HttpSecurity http) {
		SessionCsrfTokenRequestHandler tokensInPages = new SessionCsrfTokenRequestHandler();
		http.addFilterBefore(new CrossOriginProtectionFilter(this.exempt, this.messages), CsrfFilter.class)
			.addFilterAfter(new RememberedCsrfTokenFilter(tokensInPages), RememberMeAuthenticationFilter.class)
			.csrf((csrf) -> csrf.csrfTokenRepository(this.csrfTokens)
				.csrfTokenRequestHandler(tokensInPages)
				.requireCsrfProtectionMatcher(new AndRequestMatcher(CsrfFilter.DEFAULT_CSRF_MATCHER, this.signedInBrowser))
				.ignoringRequestMatchers(this.exempt));
	}

}
