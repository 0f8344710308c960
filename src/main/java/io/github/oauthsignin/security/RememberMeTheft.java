package io.github.oauthsignin.security;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.oauthsignin.user.PastSignIn;
import io.github.oauthsignin.user.SignInHistory;
import io.github.oauthsignin.user.SignInOrigin;
import io.github.oauthsignin.user.UserRepository;

/**
 * What happens when a "Keep me signed in" token is presented after it was used already, which Spring Security
 * takes for a copied cookie ({@code CookieTheftException}): one of the two browsers holding it is not the owner's,
 * and there is no telling which. So every session and token of the person ends, the thief's with the owner's
 * ({@link SignOutEverywhere#all}), and the account's sign-in history and the log record it. The browser that
 * presented the used token gets a page that says so ({@link RememberMeTheftPage}).
 */
@Component
class RememberMeTheft {

	private static final Logger logger = LoggerFactory.getLogger(RememberMeTheft.class);

	private final SignOutEverywhere signOut;

	private final SignInHistory history;

	private final UserRepository users;

	private final TransactionTemplate transactions;

	private final Clock clock;

	RememberMeTheft(SignOutEverywhere signOut, SignInHistory history, UserRepository users,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.signOut = signOut;
		this.history = history;
		this.users = users;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * @param username the token's user id
	 * @param provider the provider the token was made through, or null when unknown
	 * @param request the request that presented the used token
	 */
	void detected(String username, String provider, HttpServletRequest request) {
		long userId;
		try {
			userId = Long.parseLong(username);
		}
		catch (NumberFormatException ex) {
			return;
		}
		SignInOrigin origin = SignInOrigin.of(request);
		this.transactions.executeWithoutResult((status) -> {
			this.signOut.all(userId);
			if (this.users.existsById(userId)) {
				this.history.save(PastSignIn.stolenRememberMe(userId, provider, this.clock.instant(), origin));
			}
		});
		logger.atWarn()
			.addKeyValue("user_id", userId)
			.log("A \"Keep me signed in\" token of user {} was used twice, so its cookie may have been copied: every "
					+ "session and token of the person was ended", userId);
	}

}
