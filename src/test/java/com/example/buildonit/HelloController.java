package com.example.buildonit;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.github.oauthsignin.person.SignedInUser;

/**
 * A page of application code that greets the signed-in person, in the app's layout. {@code SignedInUser} is who is
 * signed in, the same whichever way they came in; for a visitor it is null, and the page sends them to sign in first
 * and come back here.
 */
@Controller
public class HelloController {

	@GetMapping("/example/hello")
	String hello(@AuthenticationPrincipal SignedInUser me, Model model) {
		if (me == null) {
			return "redirect:/?next=/example/hello";
		}
		model.addAttribute("me", me);
		return "example/hello";
	}

}
