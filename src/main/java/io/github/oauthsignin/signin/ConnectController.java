package io.github.oauthsignin.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;

import io.github.oauthsignin.security.ReturnPaths;
import io.github.oauthsignin.person.SignedInUser;

/**
 * Starts connecting another provider to the signed-in account: {@code POST /account/connect/{provider}}, with the CSRF
 * token, begins a normal sign-in at that provider, marked as a link for this account and this session; the provider
 * answers at the same {@code /callback/{provider}} ({@link IdentityConnection}). Only signed-in people get here (the
 * filter chain guards {@code /account/**}); a GET goes to the account page and changes nothing.
 */
@Controller
class ConnectController {

	private final SignInProviders providers;

	private final PendingSignIns pendingSignIns;

	private final SignInStarts starts;

	private final SignInFailures failures;

	ConnectController(SignInProviders providers, PendingSignIns pendingSignIns, SignInStarts starts,
			SignInFailures failures) {
		this.providers = providers;
		this.pendingSignIns = pendingSignIns;
		this.starts = starts;
		this.failures = failures;
	}

	@PostMapping("/account/connect/{provider}")
	RedirectView connect(@PathVariable String provider, @AuthenticationPrincipal SignedInUser me,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash) {
		SignInProvider signInProvider = this.providers.find(provider)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		try {
			return this.starts.toProvider(signInProvider, request,
					(pending) -> this.pendingSignIns.saveLink(request, response, pending, me.id()));
		}
		catch (SignInException ex) {
			this.failures.report(ex, flash);
			return new RedirectView(ReturnPaths.ACCOUNT, true);
		}
	}

	/** Connecting never starts from a link: a GET goes to the account page without contacting the provider. */
	@GetMapping("/account/connect/{provider}")
	RedirectView connectByLink() {
		return new RedirectView(ReturnPaths.ACCOUNT, true);
	}

}
