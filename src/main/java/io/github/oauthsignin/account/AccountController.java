package io.github.oauthsignin.account;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.github.oauthsignin.security.SessionSignOut;
import io.github.oauthsignin.security.SignedInUser;
import io.github.oauthsignin.signin.SignInProviders;
import io.github.oauthsignin.user.User;
import io.github.oauthsignin.user.UserRepository;

/**
 * The account page: everything we keep about the signed-in person, and deleting it. Only signed-in people get
 * here (the security configuration sends anyone else home to sign in first).
 * <p>
 * Deleting takes two steps so that one stray click cannot do it: the account page links to a confirmation page
 * ({@code GET /account/delete}), whose form posts {@code confirm=yes}; a post without it shows the confirmation.
 */
@Controller
@RequestMapping("/account")
class AccountController {

	static final String CONFIRM = "confirm";

	static final String CONFIRMED = "yes";

	/** The home page, saying the account is gone (to a visitor who is no longer signed in). */
	static final String DELETED = "redirect:/?account-deleted";

	private static final Logger logger = LoggerFactory.getLogger(AccountController.class);

	private final UserRepository users;

	private final AccountDeletion deletion;

	private final SessionSignOut signOut;

	private final SignInProviders providers;

	AccountController(UserRepository users, AccountDeletion deletion, SessionSignOut signOut,
			SignInProviders providers) {
		this.users = users;
		this.deletion = deletion;
		this.signOut = signOut;
		this.providers = providers;
	}

	@GetMapping
	String account(@AuthenticationPrincipal SignedInUser signedIn, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<User> user = (signedIn != null) ? this.users.findById(signedIn.id()) : Optional.empty();
		if (user.isEmpty()) {
			// The account went while this session lived on: nothing to show, and nobody to stay signed in as.
			this.signOut.signOut(request, response, authentication);
			return DELETED;
		}
		model.addAttribute("account", AccountView.of(user.get(), this.providers::displayName));
		return "account";
	}

	@GetMapping("/delete")
	String confirmDeletion() {
		return "account-delete";
	}

	@PostMapping("/delete")
	String delete(@RequestParam(name = CONFIRM, required = false) String confirm,
			@AuthenticationPrincipal SignedInUser signedIn, Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		if (!CONFIRMED.equals(confirm)) {
			return "redirect:/account/delete";
		}
		if (signedIn != null) {
			boolean deleted = this.deletion.delete(signedIn.id());
			logger.info(deleted ? "User {} deleted their account" : "User {} asked to delete an account already gone",
					signedIn.id());
		}
		this.signOut.signOut(request, response, authentication);
		return DELETED;
	}

}
