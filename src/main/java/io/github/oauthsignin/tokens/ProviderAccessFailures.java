package io.github.oauthsignin.tokens;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.github.oauthsignin.security.ReturnPaths;
import io.github.oauthsignin.signin.SignInProviders;
import io.github.oauthsignin.signin.oauth2.IssuerUnavailableException;
import io.github.oauthsignin.web.PageMessages;

/**
 * What a page that calls a provider as the person ({@code @RegisteredOAuth2AuthorizedClient},
 * {@code OAuth2ClientHttpRequestInterceptor}) shows when Spring Security's {@code OAuth2AuthorizedClientManager} cannot
 * give it a token: nothing is kept for that provider (never kept, forgotten, or its refresh token refused, after which
 * Spring removes it), or the provider did not answer the refresh. The person lands on their account page with a
 * message saying which, never on an error page.
 */
@ControllerAdvice
class ProviderAccessFailures {

	private static final Logger logger = LoggerFactory.getLogger(ProviderAccessFailures.class);

	private final SignInProviders providers;

	private final PageMessages messages;

	ProviderAccessFailures(SignInProviders providers, PageMessages messages) {
		this.providers = providers;
		this.messages = messages;
	}

	@ExceptionHandler(ClientAuthorizationException.class)
	String accessFailed(ClientAuthorizationException ex, HttpServletRequest request, RedirectAttributes flash) {
		String provider = ex.getClientRegistrationId();
		boolean notKept = ex instanceof ClientAuthorizationRequiredException
				|| OAuth2ErrorCodes.INVALID_GRANT.equals(ex.getError().getErrorCode());
		logger.info("No usable {} token for {}: {}", provider, request.getRequestURI(),
				notKept ? "none kept" : ex.getError().getErrorCode());
		this.messages.flash(flash, notKept ? "tokens.required" : "signin.failed", this.providers.displayName(provider));
		return "redirect:" + ReturnPaths.ACCOUNT;
	}

	/** The provider's issuer could not be reached to complete its registration (after a restart, while it is down). */
	@ExceptionHandler(IssuerUnavailableException.class)
	String issuerUnavailable(IssuerUnavailableException ex, HttpServletRequest request, RedirectAttributes flash) {
		logger.info("No usable token for {}: {}", request.getRequestURI(), ex.getMessage());
		this.messages.flash(flash, "tokens.providerUnavailable");
		return "redirect:" + ReturnPaths.ACCOUNT;
	}

}
