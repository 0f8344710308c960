package io.github.oauthsignin.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.github.oauthsignin.passkey.PasskeyCredentials;
import io.github.oauthsignin.passkey.PasskeyCredentials.Removal;
import io.github.oauthsignin.security.SessionSignOut;
import io.github.oauthsignin.security.SignOutEverywhere;
import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.web.PageMessages;

/**
 * The account page's forms for its passkeys (adding one is the script's, {@code passkey} package): naming one, and
 * removing one unless it is the account's last way in. Removing one ends its use at once: it no longer signs anyone
 * in, and every session and "Keep me signed in" token signed in with a passkey ends, this browser's too when it was.
 */
@Controller
@RequestMapping("/account/passkeys/{id}")
class AccountPasskeysController {

	private static final Logger logger = LoggerFactory.getLogger(AccountPasskeysController.class);

	private final PasskeyCredentials passkeys;

	private final SignOutEverywhere signOutEverywhere;

	private final SessionSignOut signOut;

	private final PageMessages messages;

	AccountPasskeysController(PasskeyCredentials passkeys, SignOutEverywhere signOutEverywhere,
			SessionSignOut signOut, PageMessages messages) {
		this.passkeys = passkeys;
		this.signOutEverywhere = signOutEverywhere;
		this.signOut = signOut;
		this.messages = messages;
	}

	@PostMapping("/remove")
	String remove(@PathVariable String id, @AuthenticationPrincipal SignedInUser signedIn,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes flash) {
		Removal removal = this.passkeys.remove(signedIn.id(), id);
		logger.info("User {} removing a passkey: {}", signedIn.id(), removal);
		if (removal == Removal.REMOVED) {
			this.signOutEverywhere.signedInThrough(signedIn.id(), PasskeyCredentials.WAY_IN);
			if (PasskeyCredentials.WAY_IN.equals(signedIn.wayIn())) {
				this.signOut.signOut(request, response, authentication);
				this.messages.flash(flash, "passkey.removedSignedOut");
				return AccountController.HOME;
			}
		}
		this.messages.flash(flash, switch (removal) {
			case REMOVED -> "passkey.removed";
			case LAST_WAY_IN -> "passkey.lastWayIn";
			case NOT_FOUND -> "passkey.notFound";
		});
		return AccountController.ACCOUNT;
	}

	@PostMapping("/name")
	String rename(@PathVariable String id, @RequestParam(name = "label", defaultValue = "") String label,
			@AuthenticationPrincipal SignedInUser signedIn, RedirectAttributes flash) {
		boolean renamed = this.passkeys.rename(signedIn.id(), id, label);
		this.messages.flash(flash, renamed ? "passkey.renamed" : "passkey.notRenamed");
		return AccountController.ACCOUNT;
	}

	/** Changing a passkey never happens by a link: a GET goes to the account page and changes nothing. */
	@GetMapping({ "/remove", "/name" })
	String byLink() {
		return AccountController.ACCOUNT;
	}

}
