package io.github.oauthsignin.home;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.github.oauthsignin.security.SignedInUser;
import io.github.oauthsignin.signin.ReturnPaths;
import io.github.oauthsignin.signin.SignInProviders;

/** The home page: sign-in buttons for a visitor, a greeting for a signed-in person. */
@Controller
class HomeController {

	private final SignInProviders providers;

	HomeController(SignInProviders providers) {
		this.providers = providers;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal SignedInUser user, @RequestParam(name = "next", required = false) String next,
			@RequestParam(name = "signed-out", required = false) String signedOut,
			@RequestParam(name = "stale", required = false) String stale,
			@RequestParam(name = "account-deleted", required = false) String accountDeleted, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("providers", this.providers.all());
		model.addAttribute("unconfigured", this.providers.unconfigured());
		if (ReturnPaths.isSafe(next)) {
			model.addAttribute("next", next);
		}
		if (!model.containsAttribute("message")) {
			if (signedOut != null && user == null) {
				model.addAttribute("message", "You have signed out.");
			}
			else if (accountDeleted != null && user == null) {
				model.addAttribute("message", "Your account has been deleted. Signing in again starts a new one.");
			}
			else if (stale != null) {
				model.addAttribute("message", "That page had expired, so nothing was done. Please try again.");
			}
		}
		return "home";
	}

}
