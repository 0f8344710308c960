package io.github.oauthsignin.signin;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

import io.github.oauthsignin.security.ReturnPaths;
import io.github.oauthsignin.security.SignedInUser;
import io.github.oauthsignin.user.IdentityLinks;
import io.github.oauthsignin.user.IdentityLinks.Link;
import io.github.oauthsignin.user.SignInProfile;

/**
 * Finishes connecting an identity to the signed-in account: the provider's answer to an attempt started with
 * {@code POST /account/connect/{provider}} ({@link ConnectController}).
 * <p>
 * It links only inside the signed-in session that started it: the attempt lives in that session (another browser
 * has none to offer, and signing out ends the session with it), and it names the account it is for, which must be
 * the one signed in now. Otherwise nothing is linked and the provider is not called. Only the identity decides, never
 * an email address. Whatever the provider does wrong, the account stays as it was.
 */
@Component
class IdentityConnection {

	private static final Logger logger = LoggerFactory.getLogger(IdentityConnection.class);

	private final IdentityLinks links;

	private final SignInFailures failures;

	IdentityConnection(IdentityLinks links, SignInFailures failures) {
		this.links = links;
		this.failures = failures;
	}

	RedirectView complete(SignInProvider provider, PendingSignIns.Attempt attempt, Map<String, String> parameters,
			Authentication signedIn, RedirectAttributes flash) {
		if (!(signedIn != null && signedIn.getPrincipal() instanceof SignedInUser me)
				|| me.id() != attempt.linkingUserId()) {
			logger.info("Connecting {} refused: the attempt was started by another account, or before a sign-out",
					provider.id());
			this.failures.tell("That connection was not started by the account signed in here, so nothing was "
					+ "connected.", flash);
			return new RedirectView((signedIn != null) ? ReturnPaths.ACCOUNT : ReturnPaths.HOME, true);
		}
		try {
			SignInProfile profile = provider.complete(attempt.pending(), parameters);
			Link link = this.links.link(me.id(), profile);
			logger.info("Connecting {} to user {}: {}", provider.id(), me.id(), link);
			this.failures.tell(message(link, provider.displayName()), flash);
		}
		catch (SignInException ex) {
			this.failures.report(ex, flash);
		}
		return new RedirectView(ReturnPaths.ACCOUNT, true);
	}

	private static String message(Link link, String name) {
		return switch (link) {
			case CONNECTED -> name + " is now connected.";
			case ALREADY_CONNECTED -> "That " + name + " account is already connected to yours; nothing changed.";
			case USED_BY_ANOTHER_ACCOUNT -> "That " + name + " account is already used by another account here.";
			case OTHER_IDENTITY_OF_THIS_PROVIDER -> "Another " + name
					+ " account is connected to yours. Disconnect it first to connect this one.";
			case ACCOUNT_GONE -> "Your account no longer exists.";
		};
	}

}
