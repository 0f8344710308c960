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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.github.oauthsignin.security.SessionSignOut;
import io.github.oauthsignin.security.SignedInUser;
import io.github.oauthsignin.signin.LogSanitizer;
import io.github.oauthsignin.signin.SignInProviders;
import io.github.oauthsignin.user.IdentityLinks;
import io.github.oauthsignin.user.IdentityLinks.Unlink;
import io.github.oauthsignin.user.User;
import io.github.oauthsignin.user.UserRepository;

/**
 * The account page: everything we keep about the signed-in person, their sign-in methods (connecting one is
 * {@code signin.ConnectController}'s, disconnecting one is here), and deleting it all. Only signed-in people get
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

	/** The account page again. */
	static final String ACCOUNT = "redirect:/account";

	private static final Logger logger = LoggerFactory.getLogger(AccountController.class);

	private final UserRepository users;

	private final AccountDeletion deletion;

	private final SessionSignOut signOut;

	private final SignInProviders providers;

	private final IdentityLinks links;

	AccountController(UserRepository users, AccountDeletion deletion, SessionSignOut signOut,
			SignInProviders providers, IdentityLinks links) {
		this.users = users;
		this.deletion = deletion;
		this.signOut = signOut;
		this.providers = providers;
		this.links = links;
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
		model.addAttribute("account", AccountView.of(user.get(), this.links.identitiesOf(signedIn.id()),
				this.providers.all(), this.providers::displayName));
		return "account";
	}

	/**
	 * Disconnects a provider ({@code POST} with the CSRF token), unless it is the account's only way in. Signing in
	 * with that provider identity afterwards makes a new account.
	 */
	@PostMapping("/disconnect/{provider}")
	String disconnect(@PathVariable String provider, @AuthenticationPrincipal SignedInUser signedIn,
			RedirectAttributes flash) {
		Unlink unlink = this.links.unlink(signedIn.id(), provider);
		logger.info("User {} disconnecting {}: {}", signedIn.id(), LogSanitizer.oneLine(provider), unlink);
		String name = this.providers.displayName(provider);
		flash.addFlashAttribute("message", switch (unlink) {
			case DISCONNECTED -> name + " is no longer connected. Signing in with it would now start a new account.";
			case LAST_ONE -> name + " is your only way to sign in, so it stays connected. Connect another provider "
					+ "first.";
			case NOT_CONNECTED, WAS_THE_LAST -> name + " was not connected.";
		});
		return ACCOUNT;
	}

	/** Disconnecting never happens by a link: a GET goes to the account page and changes nothing. */
	@GetMapping("/disconnect/{provider}")
	String disconnectByLink() {
		return ACCOUNT;
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
