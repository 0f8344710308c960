package io.github.oauthsignin.security;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The one part of the Content-Security-Policy an operator may widen: where pictures may come from. People's
 * pictures are the providers' (https); the sandbox's stand-in providers serve theirs over plain http on loopback and
 * add that here.
 * @param imgSrc the {@code img-src} sources, such as {@code 'self' https: data:}; no {@code ;} (no other directive)
 */
@Validated
@ConfigurationProperties("signin.csp")
public record ContentSecurityPolicyProperties(
		@NotBlank @Pattern(regexp = "[^;,\\r\\n]*") @DefaultValue("'self' https: data:") String imgSrc) {

	/**
	 * No script but, on the pages that have the passkey controls, the app's own (from {@code 'self'}, checked by its
	 * {@code integrity} hash); nothing from elsewhere but pictures, never inside a frame, and forms that lead only
	 * here or to these origins (the providers' authorization endpoints, where the sign-in form's redirect goes).
	 * @param script whether the page may run the app's script
	 */
	String policy(List<String> formTargets, boolean script) {
		StringBuilder formAction = new StringBuilder("'self'");
		formTargets.forEach((origin) -> formAction.append(' ').append(origin));
		return "default-src 'self'; script-src " + (script ? "'self'" : "'none'") + "; object-src 'none'; img-src "
				+ this.imgSrc + "; style-src 'self'; base-uri 'none'; form-action " + formAction
				+ "; frame-ancestors 'none'";
	}

}
