package io.github.oauthsignin.security;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.oauthsignin.web.PageMessages;

/**
 * Refuses a request that changes something (any method but GET, HEAD, OPTIONS and TRACE) when a browser sends it on
 * behalf of another site, by the headers browsers add themselves, with no token and no server state: the check of
 * Go 1.25's {@code http.CrossOriginProtection}.
 * <ol>
 * <li>{@code Sec-Fetch-Site: same-origin} (a form of this site) or {@code none} (typed, a bookmark) passes;
 * {@code cross-site} and {@code same-site} (another site, or a sibling subdomain) are refused;</li>
 * <li>without {@code Sec-Fetch-Site} (browsers before it: Chrome 76, Firefox 90, Safari 16.4), the {@code Origin}
 * header's host and port must be the request's {@code Host}, or its scheme, host and port the request's own as the
 * server sees them (behind a trusted proxy, the public ones); any other, or {@code Origin: null}, is refused;</li>
 * <li>with neither header the request is not a browser's form (a provider's server, curl) and passes: the
 * cross-site forms this guards against are sent by browsers, which name the page's origin.</li>
 * </ol>
 * The exempt requests are those that come from elsewhere by design, such as a provider's signed server-to-server
 * posts ({@link ServerToServerPosts}). A refused request ends on the home page with a message, and never reaches a
 * controller, the logout filter or the CSRF token check.
 */
final class CrossOriginProtectionFilter extends OncePerRequestFilter {

	static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

	private static final Logger logger = LoggerFactory.getLogger(CrossOriginProtectionFilter.class);

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private static final Set<String> KNOWN_SITES = Set.of("cross-site", "same-site", "same-origin", "none");

	private final RequestMatcher exempt;

	private final PageMessages messages;

	/**
	 * @param exempt the requests that may come from another site
	 * @param messages for the refusal's message on the home page
	 */
	CrossOriginProtectionFilter(RequestMatcher exempt, PageMessages messages) {
		this.exempt = exempt;
		this.messages = messages;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isCrossOrigin(request) && !this.exempt.matches(request)) {
			String site = request.getHeader(SEC_FETCH_SITE);
			logger.info("Refused a {} from another site (Sec-Fetch-Site: {}, Origin {})", request.getMethod(),
					(site == null) ? "absent" : KNOWN_SITES.contains(site) ? site : "unknown",
					(request.getHeader(HttpHeaders.ORIGIN) == null) ? "absent" : "of another host");
			this.messages.flash(request, response, ReturnPaths.HOME, "form.crossSite");
			response.sendRedirect(request.getContextPath() + ReturnPaths.HOME);
			return;
		}
		chain.doFilter(request, response);
	}

	/** Whether a browser sent this request, which may change something, on behalf of another site. */
	static boolean isCrossOrigin(HttpServletRequest request) {
		if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
			return false;
		}
		String site = request.getHeader(SEC_FETCH_SITE);
		if (site != null) {
			return !(site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none"));
		}
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin == null) {
			return false;
		}
		URI page = parse(origin);
		if (page == null || page.getRawAuthority() == null) {
			return true;
		}
		String host = request.getHeader(HttpHeaders.HOST);
		boolean sameHost = host != null && host.equalsIgnoreCase(page.getRawAuthority());
		return !sameHost && !isOwnOrigin(page, request);
	}

	/**
	 * Whether the page's origin is this request's own as the server sees it: its scheme, host and port, which behind
	 * a trusted proxy are the public ones ({@code X-Forwarded-Proto/Host/Port}) even when the proxy sends another
	 * {@code Host}.
	 */
	private static boolean isOwnOrigin(URI page, HttpServletRequest request) {
		int pagePort = (page.getPort() >= 0) ? page.getPort() : defaultPort(page.getScheme());
		return request.getScheme().equalsIgnoreCase(page.getScheme())
				&& request.getServerName().equalsIgnoreCase(page.getHost()) && request.getServerPort() == pagePort;
	}

	private static int defaultPort(String scheme) {
		return "https".equalsIgnoreCase(scheme) ? 443 : 80;
	}

	/** The {@code Origin} header as a URI, or null when it is none ({@code null}, garbage). */
	private static URI parse(String origin) {
		try {
			return new URI(origin);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
