package io.github.oauthsignin.signin;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

import io.github.oauthsignin.security.ReturnPaths;
import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.user.IdentityLinks;
import io.github.oauthsignin.user.IdentityLinks.Link;
import io.github.oauthsignin.web.PageMessages;

/**
 * Finishes connecting an identity to the signed-in account: the provider's answer to an attempt started with
 * {@code POST /account/connect/{provider}} ({@link ConnectController}).
 * <p>
 * It links only inside the signed-in session that started it: the attempt belongs to the browser that started it
 * (another browser has none to offer), and it names the account it is for and that session, which must be the ones
 * signed in now (signing out forgets the browser's attempts and ends the session, and signing in again makes a new
 * one). Otherwise nothing is linked and the provider is not called. Only the identity decides, never an email
 * address. Whatever the provider does wrong, the account stays as it was. The provider's tokens are kept (where the
 * operator asked for it) once the identity leads to this account.
 */
@Component
class IdentityConnection {

	private static final Logger logger = LoggerFactory.getLogger(IdentityConnection.class);

	private final IdentityLinks links;

	private final SignInFailures failures;

	private final PageMessages messages;

	private final CredentialsKeeper credentials;

	private final PendingSignIns pendingSignIns;

	IdentityConnection(IdentityLinks links, SignInFailures failures, PageMessages messages,
			CredentialsKeeper credentials, PendingSignIns pendingSignIns) {
		this.links = links;
		this.failures = failures;
		this.messages = messages;
		this.credentials = credentials;
		this.pendingSignIns = pendingSignIns;
	}

	RedirectView complete(SignInProvider provider, PendingAttempt attempt, Map<String, String> parameters,
			Authentication signedIn, HttpServletRequest request, RedirectAttributes flash) {
		if (!(signedIn != null && signedIn.getPrincipal() instanceof SignedInUser me)
				|| !this.pendingSignIns.isLinkFor(attempt, me.id(), request)) {
			logger.info("Connecting {} refused: the attempt was started by another account, or before a sign-out",
					provider.id());
			this.messages.flash(flash, "link.notStartedHere");
			return new RedirectView((signedIn != null) ? ReturnPaths.ACCOUNT : ReturnPaths.HOME, true);
		}
		try {
			CompletedSignIn completed = provider.complete(attempt.pending(), parameters);
			this.failures.succeeded(provider.id());
			Link link = this.links.link(me.id(), completed.profile());
			logger.info("Connecting {} to user {}: {}", provider.id(), me.id(), link);
			if (link == Link.CONNECTED || link == Link.ALREADY_CONNECTED) {
				this.credentials.keep(me.id(), provider.id(), completed.credentials());
			}
			this.messages.flash(flash, messageCode(link), provider.displayName());
		}
		catch (SignInException ex) {
			this.failures.report(ex, flash);
		}
		return new RedirectView(ReturnPaths.ACCOUNT, true);
	}

	private static String messageCode(Link link) {
		return switch (link) {
			case CONNECTED -> "link.connected";
			case ALREADY_CONNECTED -> "link.alreadyConnected";
			case USED_BY_ANOTHER_ACCOUNT -> "link.usedByAnotherAccount";
			case OTHER_IDENTITY_OF_THIS_PROVIDER -> "link.otherIdentityOfThisProvider";
			case ACCOUNT_GONE -> "link.accountGone";
		};
	}

}
