package io.github.oauthsignin.security;

import java.util.List;

/**
 * Where the app's own forms may lead: a sign-in or connect form posts to this site, which answers with a redirect
 * to the provider's authorization endpoint, and browsers hold that redirect to the page's {@code form-action}. So
 * the Content-Security-Policy's {@code form-action} names these origins beside {@code 'self'}.
 */
@FunctionalInterface
public interface SignInFormTargets {

	/**
	 * The origins of the configured providers' authorization endpoints, as far as they are known now, such as
	 * {@code https://www.facebook.com}; for an OpenID Connect issuer not yet discovered, the issuer's origin.
	 */
	List<String> formTargetOrigins();

}
