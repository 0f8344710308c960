package io.github.oauthsignin.passkey;

import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.webauthn4j.util.exception.WebAuthnException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import io.micrometer.core.instrument.Timer;

import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.stereotype.Component;

import io.github.oauthsignin.passkey.PasskeyCredentials.SignCountRegressionException;
import io.github.oauthsignin.passkey.PasskeyJson.Posted;
import io.github.oauthsignin.passkey.RelyingParties.RelyingParty;
import io.github.oauthsignin.security.ReturnPaths;
import io.github.oauthsignin.security.SessionSignIn;
import io.github.oauthsignin.signin.PendingAttempt;
import io.github.oauthsignin.signin.SignInChallenges;
import io.github.oauthsignin.signin.SignInMetrics;
import io.github.oauthsignin.signin.SignInMetrics.Outcome;
import io.github.oauthsignin.user.SignInOrigin;
import io.github.oauthsignin.user.User;
import io.github.oauthsignin.user.UserRegistration;
import io.github.oauthsignin.web.PageMessages;

/**
 * Checks a browser's answer to a passkey challenge and signs the passkey's account in, the way a provider sign-in
 * does: the same session ({@link SessionSignIn}, way in {@value PasskeyCredentials#WAY_IN}), the "Keep me signed in"
 * choice made when it started, a row in the account's history, the same metrics and log line. The challenge must be
 * one this browser was given, unused and unexpired; the passkey one of this site's, still registered, verified by
 * the person (user verification), with a signature counter that went up (or stays 0).
 */
@Component
class PasskeySignIn {

	private static final Logger logger = LoggerFactory.getLogger(PasskeySignIn.class);

	private final SignInChallenges challenges;

	private final UserRegistration registration;

	private final SessionSignIn sessionSignIn;

	private final SignInMetrics metrics;

	private final PageMessages messages;

	private final Clock clock;

	PasskeySignIn(SignInChallenges challenges, UserRegistration registration, SessionSignIn sessionSignIn,
			SignInMetrics metrics, PageMessages messages, Clock clock) {
		this.challenges = challenges;
		this.registration = registration;
		this.sessionSignIn = sessionSignIn;
		this.metrics = metrics;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * Signs in with this answer, or leaves a message on the home page saying why not.
	 * @return the path to go to now, without the context path
	 */
	String complete(Optional<Posted> posted, RelyingParty party, HttpServletRequest request,
			HttpServletResponse response) {
		Timer.Sample timing = this.metrics.startCallback();
		try {
			Optional<String> error = posted.flatMap(Posted::error);
			if (error.isPresent()) {
				String outcome = BrowserErrors.whenSigningIn(error.get());
				return refused(request, response, outcome,
						"cancelled".equals(outcome) ? Outcome.CANCELLED : Outcome.PROVIDER_FAILED);
			}
			Optional<PublicKeyCredential<AuthenticatorAssertionResponse>> credential = posted
				.flatMap(Posted::assertion);
			if (credential.isEmpty()) {
				return refused(request, response, "refused", Outcome.PROVIDER_FAILED);
			}
			Optional<PendingAttempt> attempt = PasskeyJson
				.challengeOf(credential.get().getResponse().getClientDataJSON().getBytes())
				.flatMap((key) -> this.challenges.take(request, PasskeyCredentials.WAY_IN, key));
			Optional<PasskeyChallenge> challenge = attempt
				.map((taken) -> taken.pending().protocolState(PasskeyChallenge.class))
				.filter((kept) -> !kept.expired(this.clock.instant()));
			if (challenge.isEmpty()) {
				return refused(request, response, "expired", Outcome.EXPIRED);
			}
			return signIn(party, challenge.get(), credential.get(), attempt.get(), request, response);
		}
		finally {
			this.metrics.stopCallback(timing, PasskeyCredentials.WAY_IN);
		}
	}

	private String signIn(RelyingParty party, PasskeyChallenge challenge,
			PublicKeyCredential<AuthenticatorAssertionResponse> credential, PendingAttempt attempt,
			HttpServletRequest request, HttpServletResponse response) {
		PublicKeyCredentialUserEntity entity;
		try {
			entity = party.operations()
				.authenticate(new RelyingPartyAuthenticationRequest(challenge.requestOptions(), credential));
		}
		catch (SignCountRegressionException | MaliciousCounterValueException ex) {
			logger.warn("A passkey sign-in was refused: its signature counter did not go up (a cloned passkey?)");
			return refused(request, response, "cloned", Outcome.PROVIDER_FAILED);
		}
		catch (IllegalArgumentException ex) {
			// No such passkey here: removed, or never registered on this site.
			return refused(request, response, "unknown", Outcome.PROVIDER_FAILED);
		}
		catch (WebAuthnException ex) {
			logger.info("A passkey sign-in was refused: {}", ex.getClass().getSimpleName());
			return refused(request, response, "refused", Outcome.PROVIDER_FAILED);
		}
		SignInOrigin origin = SignInOrigin.of(request);
		Optional<User> user = PasskeyCredentials.userIdOf(entity)
			.flatMap((userId) -> this.registration.signedIn(userId, PasskeyCredentials.WAY_IN, origin));
		if (user.isEmpty()) {
			return refused(request, response, "unknown", Outcome.PROVIDER_FAILED);
		}
		this.sessionSignIn.signIn(user.get(), PasskeyCredentials.WAY_IN, attempt.rememberMe(), request, response);
		this.metrics.count(PasskeyCredentials.WAY_IN, Outcome.SUCCESS_RETURNING);
		logger.atInfo()
			.addKeyValue("provider", PasskeyCredentials.WAY_IN)
			.addKeyValue("outcome", Outcome.SUCCESS_RETURNING.tag())
			.addKeyValue("user_id", user.get().getId())
			.log("Signed in with a passkey: returning user {}", user.get().getId());
		return attempt.returnTo();
	}

	private String refused(HttpServletRequest request, HttpServletResponse response, String reason,
			Outcome outcome) {
		this.metrics.count(PasskeyCredentials.WAY_IN, outcome);
		logger.atInfo()
			.addKeyValue("provider", PasskeyCredentials.WAY_IN)
			.addKeyValue("outcome", outcome.tag())
			.log("Passkey sign-in not done: {}", reason);
		this.messages.flash(request, response, ReturnPaths.HOME, "passkey.signIn." + reason);
		return ReturnPaths.HOME;
	}

}
