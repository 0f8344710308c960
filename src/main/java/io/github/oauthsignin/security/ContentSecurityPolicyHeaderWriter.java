package io.github.oauthsignin.security;

import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;

/**
 * Writes the Content-Security-Policy of every page (allowing the app's own script only on the pages with passkey
 * controls), with a {@code form-action} of {@code 'self'} and the providers'
 * authorization origins as they are known when the page is served (an issuer's become known at its first sign-in).
 * The header is built again only when those origins change.
 */
final class ContentSecurityPolicyHeaderWriter implements HeaderWriter {

	private static final String HEADER = "Content-Security-Policy";

	/** The pages with passkey controls, which load the app's one script: the home page and the account page. */
	private static final Set<String> SCRIPT_PAGES = Set.of("", "/", "/account");

	private final ContentSecurityPolicyProperties properties;

	private final SignInFormTargets targets;

	private volatile Built built;

	ContentSecurityPolicyHeaderWriter(ContentSecurityPolicyProperties properties, SignInFormTargets targets) {
		this.properties = properties;
		this.targets = targets;
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (!response.containsHeader(HEADER)) {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			response.setHeader(HEADER, policy(SCRIPT_PAGES.contains(path)));
		}
	}

	String policy(boolean script) {
		List<String> origins = this.targets.formTargetOrigins();
		Built current = this.built;
		if (current == null || !current.origins().equals(origins)) {
			current = new Built(origins, this.properties.policy(origins, false), this.properties.policy(origins, true));
			this.built = current;
		}
		return script ? current.withScript() : current.header();
	}

	private record Built(List<String> origins, String header, String withScript) {
	}

}
