package io.github.oauthsignin.account;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.github.oauthsignin.passkey.PasskeyCredentials;
import io.github.oauthsignin.security.SessionSignIn;
import io.github.oauthsignin.security.SessionSignOut;
import io.github.oauthsignin.security.SignOutEverywhere;
import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.signin.LogSanitizer;
import io.github.oauthsignin.signin.SignInProviders;
import io.github.oauthsignin.tokens.KeptTokens;
import io.github.oauthsignin.user.Identity;
import io.github.oauthsignin.user.IdentityLinks;
import io.github.oauthsignin.user.IdentityLinks.Unlink;
import io.github.oauthsignin.user.SignInHistory;
import io.github.oauthsignin.user.SignInHistoryProperties;
import io.github.oauthsignin.user.User;
import io.github.oauthsignin.user.UserRepository;
import io.github.oauthsignin.web.PageMessages;

/**
 * The account page: everything we keep about the signed-in person, their sign-in methods (connecting one is
 * {@code signin.ConnectController}'s, disconnecting one is here), the provider tokens kept for them (forgetting them is
 * here), and deleting it all. Only signed-in people get
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

	/** The home page, for a visitor who is no longer signed in. */
	static final String HOME = "redirect:/";

	/** The account page again. */
	static final String ACCOUNT = "redirect:/account";

	private static final Logger logger = LoggerFactory.getLogger(AccountController.class);

	private final UserRepository users;

	private final AccountDeletion deletion;

	private final SessionSignOut signOut;

	private final SignInProviders providers;

	private final IdentityLinks links;

	private final PageMessages messages;

	private final SignInHistory history;

	private final SignInHistoryProperties historyProperties;

	private final SignOutEverywhere signOutEverywhere;

	private final SessionSignIn sessionSignIn;

	private final KeptTokens keptTokens;

	private final PasskeyCredentials passkeys;

	AccountController(UserRepository users, AccountDeletion deletion, SessionSignOut signOut,
			SignInProviders providers, IdentityLinks links, PageMessages messages, SignInHistory history,
			SignInHistoryProperties historyProperties, SignOutEverywhere signOutEverywhere,
			SessionSignIn sessionSignIn, KeptTokens keptTokens, PasskeyCredentials passkeys) {
		this.users = users;
		this.deletion = deletion;
		this.signOut = signOut;
		this.providers = providers;
		this.links = links;
		this.messages = messages;
		this.history = history;
		this.historyProperties = historyProperties;
		this.signOutEverywhere = signOutEverywhere;
		this.sessionSignIn = sessionSignIn;
		this.keptTokens = keptTokens;
		this.passkeys = passkeys;
	}

	@GetMapping
	String account(@AuthenticationPrincipal SignedInUser signedIn, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash) {
		Optional<User> user = (signedIn != null) ? this.users.findById(signedIn.id()) : Optional.empty();
		if (user.isEmpty()) {
			// The account went while this session lived on: nothing to show, and nobody to stay signed in as.
			this.signOut.signOut(request, response, authentication);
			this.messages.flash(flash, "account.deleted");
			return HOME;
		}
		List<Identity> identities = this.links.identitiesOf(signedIn.id());
		List<CredentialRecord> passkeys = this.passkeys.of(signedIn.id());
		model.addAttribute("account", AccountView.of(user.get(), identities, passkeys.size(),
				this.history.latest(signedIn.id(), this.historyProperties.shown()), this.providers.all(),
				this::wayInName, this.messages.readableDateTimes()));
		model.addAttribute("maxLabel", PasskeyCredentials.MAX_LABEL);
		model.addAttribute("passkeys", PasskeyView.of(passkeys, identities.size(), this.messages.readableDateTimes()));
		model.addAttribute("keptAccess", KeptAccessView.of(this.keptTokens.keptFor(signedIn.id()),
				this.providers::displayName, this.messages.readableDateTimes()));
		model.addAttribute("historyDays", this.historyProperties.retention().toDays());
		return "account";
	}

	/** The name of a way in: a provider's, or "Passkey". */
	private String wayInName(String wayIn) {
		return PasskeyCredentials.WAY_IN.equals(wayIn) ? this.messages.text("passkey.name")
				: this.providers.displayName(wayIn);
	}

	/**
	 * Disconnects a provider ({@code POST} with the CSRF token), unless it is the account's only way in, and ends the
	 * sessions and "Keep me signed in" tokens signed in through it: this browser's too, when it was. Signing in with
	 * that provider identity afterwards makes a new account.
	 */
	@PostMapping("/disconnect/{provider}")
	String disconnect(@PathVariable String provider, @AuthenticationPrincipal SignedInUser signedIn,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes flash) {
		Unlink unlink = this.deletion.disconnect(signedIn.id(), provider);
		logger.info("User {} disconnecting {}: {}", signedIn.id(), LogSanitizer.oneLine(provider), unlink);
		String name = this.providers.displayName(provider);
		if (unlink == Unlink.DISCONNECTED) {
			this.signOutEverywhere.signedInThrough(signedIn.id(), provider);
			if (provider.equals(signedIn.wayIn())) {
				this.signOut.signOut(request, response, authentication);
				this.messages.flash(flash, "unlink.disconnectedSignedOut", name);
				return HOME;
			}
		}
		this.messages.flash(flash, switch (unlink) {
			case DISCONNECTED -> "unlink.disconnected";
			case LAST_ONE -> "unlink.lastOne";
			case NOT_CONNECTED, WAS_THE_LAST -> "unlink.notConnected";
		}, name);
		return ACCOUNT;
	}

	/**
	 * Signs the person out of every other browser ({@code POST} with the CSRF token): every other session and every
	 * "Keep me signed in" token ends, on every instance; this browser stays signed in (with a new token, when it had
	 * one).
	 */
	@PostMapping("/sign-out-others")
	String signOutOthers(@AuthenticationPrincipal SignedInUser signedIn, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash) {
		this.signOutEverywhere.allBut(signedIn.id(), request.getSession().getId());
		logger.info("User {} signed out of all other sessions", signedIn.id());
		if (!this.sessionSignIn.again(signedIn, request, response)) {
			this.signOut.signOut(request, response, authentication);
			this.messages.flash(flash, "account.deleted");
			return HOME;
		}
		this.messages.flash(flash, "sessions.othersEnded");
		return ACCOUNT;
	}

	/** Signing out elsewhere never happens by a link: a GET goes to the account page and changes nothing. */
	@GetMapping("/sign-out-others")
	String signOutOthersByLink() {
		return ACCOUNT;
	}

	/** Disconnecting never happens by a link: a GET goes to the account page and changes nothing. */
	@GetMapping("/disconnect/{provider}")
	String disconnectByLink() {
		return ACCOUNT;
	}

	/**
	 * Forgets the tokens kept for the person at this provider ({@code POST} with the CSRF token): deleted, and
	 * revoked at the provider where it offers that. The identity stays connected.
	 */
	@PostMapping("/forget/{provider}")
	String forget(@PathVariable String provider, @AuthenticationPrincipal SignedInUser signedIn,
			RedirectAttributes flash) {
		boolean forgotten = this.keptTokens.forget(signedIn.id(), provider);
		logger.info("User {} forgetting the kept {} tokens: {}", signedIn.id(), LogSanitizer.oneLine(provider),
				forgotten ? "forgotten" : "none kept");
		this.messages.flash(flash, forgotten ? "tokens.forgotten" : "tokens.noneKept",
				this.providers.displayName(provider));
		return ACCOUNT;
	}

	/** Forgetting never happens by a link: a GET goes to the account page and changes nothing. */
	@GetMapping("/forget/{provider}")
	String forgetByLink() {
		return ACCOUNT;
	}

	@GetMapping("/delete")
	String confirmDeletion() {
		return "account-delete";
	}

	@PostMapping("/delete")
	String delete(@RequestParam(name = CONFIRM, required = false) String confirm,
			@AuthenticationPrincipal SignedInUser signedIn, Authentication authentication, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes flash) {
		if (!CONFIRMED.equals(confirm)) {
			return "redirect:/account/delete";
		}
		if (signedIn != null) {
			boolean deleted = this.deletion.delete(signedIn.id());
			logger.info(deleted ? "User {} deleted their account" : "User {} asked to delete an account already gone",
					signedIn.id());
		}
		this.signOut.signOut(request, response, authentication);
		this.messages.flash(flash, "account.deleted");
		return HOME;
	}

}
