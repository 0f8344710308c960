package io.github.oauthsignin.signin;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Timer;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

import io.github.oauthsignin.security.ReturnPaths;
import io.github.oauthsignin.security.SessionSignIn;
import io.github.oauthsignin.signin.SignInMetrics.Outcome;
import io.github.oauthsignin.user.SignInOrigin;
import io.github.oauthsignin.user.UserRegistration;
import io.github.oauthsignin.user.UserRegistration.Registration;

/**
 * The two ends of every sign-in, whatever the provider: {@code POST /authorize/{provider}} starts it and sends the
 * browser to the provider; {@code GET /callback/{provider}} (or, for a provider that answers by form post, the
 * {@code POST} that leads to it) takes the provider's answer, registers or finds the
 * user and signs them in. Every failure ends on the home page with a message saying what happened.
 */
@Controller
class SignInController {

	private static final Logger logger = LoggerFactory.getLogger(SignInController.class);

	private static final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final SignInProviders providers;

	private final PendingSignIns pendingSignIns;

	private final UserRegistration registration;

	private final SessionSignIn sessionSignIn;

	private final IdentityConnection connection;

	private final SignInFailures failures;

	private final SignInStarts starts;

	private final SignInMetrics metrics;

	private final CredentialsKeeper credentials;

	private final FormPostAnswers formPosts;

	SignInController(SignInProviders providers, PendingSignIns pendingSignIns, UserRegistration registration,
			SessionSignIn sessionSignIn, IdentityConnection connection, SignInFailures failures, SignInStarts starts,
			SignInMetrics metrics, CredentialsKeeper credentials, FormPostAnswers formPosts) {
		this.providers = providers;
		this.pendingSignIns = pendingSignIns;
		this.registration = registration;
		this.sessionSignIn = sessionSignIn;
		this.connection = connection;
		this.failures = failures;
		this.starts = starts;
		this.metrics = metrics;
		this.credentials = credentials;
		this.formPosts = formPosts;
	}

	@PostMapping("/authorize/{provider}")
	RedirectView authorize(@PathVariable String provider, @RequestParam(name = "next", required = false) String next,
			@RequestParam(name = "remember-me", defaultValue = "false") boolean rememberMe, Authentication signedIn,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash) {
		SignInProvider signInProvider = find(provider);
		String returnTo = ReturnPaths.sanitize(next);
		if (isSignedIn(signedIn)) {
			return new RedirectView(returnTo, true);
		}
		try {
			return this.starts.toProvider(signInProvider, request,
					(pending) -> this.pendingSignIns.save(request, response, pending, returnTo, rememberMe));
		}
		catch (SignInException ex) {
			return failed(ex, flash);
		}
	}

	/** A sign-in never starts from a link: a GET here goes home without contacting the provider. */
	@GetMapping("/authorize/{provider}")
	RedirectView authorizeByLink(@PathVariable String provider) {
		find(provider);
		return home();
	}

	/**
	 * The answer of a provider that answers by a cross-site POST (Apple's {@code form_post}): the browser sent no
	 * {@code SameSite=Lax} cookie with it, so it is carried ({@link FormPostAnswers}) to a GET of the callback, which
	 * does send them, and finishes there. Nothing else happens here: no session, no attempt taken.
	 */
	@PostMapping("/callback/{provider}")
	RedirectView formPostCallback(@PathVariable String provider, @RequestParam Map<String, String> parameters,
			HttpServletRequest request, HttpServletResponse response) {
		SignInProvider signInProvider = find(provider);
		if (!signInProvider.descriptor().answersByFormPost()) {
			throw new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED);
		}
		this.formPosts.carry(signInProvider.id(), parameters, request, response);
		RedirectView callback = new RedirectView("/callback/" + signInProvider.id(), true);
		callback.setStatusCode(HttpStatus.SEE_OTHER);
		return callback;
	}

	/**
	 * The provider's answer. A signed-in browser does not sign in again; it only finishes connecting an identity,
	 * when the attempt is one this very account started in this session ({@link IdentityConnection}).
	 */
	@GetMapping("/callback/{provider}")
	RedirectView callback(@PathVariable String provider, @RequestParam Map<String, String> parameters,
			Authentication signedIn, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes flash) {
		SignInProvider signInProvider = find(provider);
		Map<String, String> answer = signInProvider.descriptor().answersByFormPost()
				? this.formPosts.take(signInProvider.id(), request, response).orElse(Map.of()) : parameters;
		RedirectView next = answer(signInProvider, answer, signedIn, request, response, flash);
		if (signInProvider.descriptor().addsFragmentToCallback()) {
			// The browser would carry the provider's fragment (#_=_) to the next page unless this names one.
			next.setUrl(next.getUrl() + "#");
		}
		return next;
	}

	private RedirectView answer(SignInProvider signInProvider, Map<String, String> parameters,
			Authentication signedIn, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes flash) {
		String provider = signInProvider.id();
		Optional<PendingAttempt> attempt = this.pendingSignIns.take(request, provider,
				signInProvider.attemptKey(parameters));
		if (attempt.isPresent() && attempt.get().isLink()) {
			return this.connection.complete(signInProvider, attempt.get(), parameters, signedIn, request, flash);
		}
		if (isSignedIn(signedIn)) {
			return home();
		}
		Timer.Sample timing = this.metrics.startCallback();
		try {
			if (attempt.isEmpty()) {
				throw new NoPendingSignInException(provider);
			}
			CompletedSignIn completed = signInProvider.complete(attempt.get().pending(), parameters);
			this.failures.succeeded(provider);
			Registration registered = this.registration.findOrRegister(completed.profile(),
					SignInOrigin.of(request));
			this.credentials.keep(registered.user().getId(), provider, completed.credentials());
			this.sessionSignIn.signIn(registered.user(), provider, attempt.get().rememberMe(), request, response);
			signedInLine(provider, registered);
			return new RedirectView(attempt.get().returnTo(), true);
		}
		catch (SignInException ex) {
			return failed(ex, flash);
		}
		finally {
			this.metrics.stopCallback(timing, provider);
		}
	}

	/** One line per sign-in, its fields apart for structured logs: provider, outcome, user id; never a token. */
	private void signedInLine(String provider, Registration registered) {
		Outcome outcome = registered.created() ? Outcome.SUCCESS_NEW : Outcome.SUCCESS_RETURNING;
		this.metrics.count(provider, outcome);
		logger.atInfo()
			.addKeyValue("provider", provider)
			.addKeyValue("outcome", outcome.tag())
			.addKeyValue("user_id", registered.user().getId())
			.log("Signed in with {}: {} user {}", provider, registered.created() ? "new" : "returning",
					registered.user().getId());
	}

	private SignInProvider find(String id) {
		return this.providers.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private RedirectView failed(SignInException ex, RedirectAttributes flash) {
		this.failures.report(ex, flash);
		return home();
	}

	private static RedirectView home() {
		return new RedirectView(ReturnPaths.HOME, true);
	}

	private static boolean isSignedIn(Authentication authentication) {
		return trustResolver.isAuthenticated(authentication);
	}

}
