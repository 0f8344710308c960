package io.github.stockoauth2login;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The baseline's one page: a "Sign in with Facebook" link, or a greeting and a Sign out form. */
@Controller
class HomeController {

	@GetMapping("/")
	String home(@AuthenticationPrincipal OAuth2User user, Model model) {
		if (user != null) {
			model.addAttribute("nickname", user.getAttribute("nickname"));
		}
		return "stock/home";
	}

}
