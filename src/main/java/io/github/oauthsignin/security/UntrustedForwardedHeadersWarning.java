package io.github.oauthsignin.security;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

import io.github.oauthsignin.web.ClientAddress;

/**
 * Says once, in the log, that a request carried {@code X-Forwarded-*} headers that were not believed because its
 * address is not a named proxy, and how to name the proxy. By default no forwarded header is believed from anyone
 * (Spring Boot's default); an operator behind a proxy who forgot to name it would otherwise only see every visitor
 * share the proxy's address. Once said, it costs nothing more.
 */
class UntrustedForwardedHeadersWarning extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(UntrustedForwardedHeadersWarning.class);

	private final AtomicBoolean said = new AtomicBoolean();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.said.get() && !ClientAddress.isForwarded(request)) {
			String ignored = ignoredHeader(request);
			if (ignored != null && this.said.compareAndSet(false, true)) {
				logger.warn("Ignored {} from {}, which is not a named proxy: no forwarded header is believed from an "
						+ "address the operator has not named. If {} is your proxy, set "
						+ "server.forward-headers-strategy=native and server.tomcat.remoteip.internal-proxies to a "
						+ "regular expression of its address (docs/DEPLOY.md); otherwise someone sends forged headers. "
						+ "(Said once.)", ignored, request.getRemoteAddr(), request.getRemoteAddr());
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * The first forwarded header this request carries that was not believed: {@code X-Forwarded-For} whenever the
	 * client address is still the connection's, the others when they say something the request does not show.
	 */
	private static String ignoredHeader(HttpServletRequest request) {
		if (request.getHeader("X-Forwarded-For") != null) {
			return "X-Forwarded-For";
		}
		String proto = request.getHeader("X-Forwarded-Proto");
		if (proto != null && !proto.equalsIgnoreCase(request.getScheme())) {
			return "X-Forwarded-Proto";
		}
		String host = request.getHeader("X-Forwarded-Host");
		if (host != null && !host.replaceFirst(":\\d+$", "").equalsIgnoreCase(request.getServerName())) {
			return "X-Forwarded-Host";
		}
		String port = request.getHeader("X-Forwarded-Port");
		if (port != null && !port.strip().equals(Integer.toString(request.getServerPort()))) {
			return "X-Forwarded-Port";
		}
		return null;
	}

}
