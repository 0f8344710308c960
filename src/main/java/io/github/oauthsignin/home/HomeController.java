package io.github.oauthsignin.home;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.github.oauthsignin.security.ReturnPaths;
import io.github.oauthsignin.security.SignedInUser;
import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.signin.SignInProviders;

/**
 * The home page: sign-in buttons for a visitor, a greeting for a signed-in person. It names only the providers
 * that are configured; how to configure the others is the operator's business (the start-up log), shown here only
 * when none is configured at all, because then only the operator looks.
 */
@Controller
class HomeController {

	private final SignInProviders providers;

	private final String providerNames;

	HomeController(SignInProviders providers) {
		this.providers = providers;
		this.providerNames = joinWithOr(providers.all().stream().map(SignInProvider::displayName).toList());
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal SignedInUser user, @RequestParam(name = "next", required = false) String next,
			@RequestParam(name = "signed-out", required = false) String signedOut,
			@RequestParam(name = "stale", required = false) String stale,
			@RequestParam(name = "account-deleted", required = false) String accountDeleted, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("providers", this.providers.all());
		model.addAttribute("providerNames", this.providerNames);
		if (this.providers.all().isEmpty()) {
			model.addAttribute("unconfigured", this.providers.unconfigured());
		}
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

	/** "Facebook", "Facebook or X", "Facebook, GitHub or X". */
	static String joinWithOr(List<String> names) {
		if (names.size() <= 1) {
			return String.join("", names);
		}
		return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
	}

}
