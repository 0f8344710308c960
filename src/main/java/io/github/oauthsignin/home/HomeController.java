package io.github.oauthsignin.home;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import io.github.oauthsignin.security.ReturnPaths;
import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.signin.SignInProviders;
import io.github.oauthsignin.web.PageMessages;

/**
 * The home page: sign-in buttons for a visitor, a greeting for a signed-in person. It names only the providers
 * that are configured; how to configure the others is the operator's business (the start-up log), shown here only
 * when none is configured at all, because then only the operator looks. A visitor's page without a message or a
 * page to return to is the same for everyone and comes from memory ({@link AnonymousHomePage}); the others are
 * rendered for each request. None of them opens a session.
 */
@Controller
class HomeController {

	private final SignInProviders providers;

	private final PageMessages messages;

	private final AnonymousHomePage anonymousPage;

	HomeController(SignInProviders providers, PageMessages messages, AnonymousHomePage anonymousPage) {
		this.providers = providers;
		this.messages = messages;
		this.anonymousPage = anonymousPage;
	}

	@GetMapping("/")
	ModelAndView home(@AuthenticationPrincipal SignedInUser user,
			@RequestParam(name = "next", required = false) String next, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("providers", this.providers.all());
		model.addAttribute("providerNames",
				this.messages.alternatives(this.providers.all().stream().map(SignInProvider::displayName).toList()));
		if (this.providers.all().isEmpty()) {
			model.addAttribute("unconfigured", this.providers.unconfigured());
		}
		if (ReturnPaths.isSafe(next)) {
			model.addAttribute("next", next);
		}
		if (user == null && !model.containsAttribute("next") && !model.containsAttribute(PageMessages.ATTRIBUTE)) {
			return new ModelAndView(this.anonymousPage, model.asMap());
		}
		return new ModelAndView("home", model.asMap());
	}

}
