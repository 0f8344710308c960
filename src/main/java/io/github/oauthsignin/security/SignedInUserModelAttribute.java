package io.github.oauthsignin.security;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.github.oauthsignin.person.SignedInUser;

/**
 * Puts the signed-in person, or null, in every page's model as {@code signedIn}, for the layout's top bar.
 * The layout reads this attribute rather than the Spring Security dialect's
 * {@code sec:authorize="isAuthenticated()"}, which parses and evaluates an access expression on every page: that
 * was about 4 % of a sign-in's request-thread CPU in the benchmark's profile (bench/README.md).
 */
@ControllerAdvice
class SignedInUserModelAttribute {

	@ModelAttribute("signedIn")
	SignedInUser signedIn(@AuthenticationPrincipal SignedInUser user) {
		return user;
	}

}
