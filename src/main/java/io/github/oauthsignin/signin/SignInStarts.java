package io.github.oauthsignin.signin;

import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.view.RedirectView;

import io.github.oauthsignin.web.ClientAddress;

/**
 * Starts a sign-in or a connection at a provider, the same way for both: the brake first (past it, 429 before the
 * provider is contacted), then the provider's first leg; the attempt is remembered, and the browser is sent to the
 * provider. A {@link SignInException} on the way is the caller's to report, since where the person lands differs.
 */
@Component
class SignInStarts {

	private final SignInStartLimiter limiter;

	private final SignInFailures failures;

	SignInStarts(SignInStartLimiter limiter, SignInFailures failures) {
		this.limiter = limiter;
		this.failures = failures;
	}

	/**
	 * The redirect to the provider for a new attempt from this request.
	 * @param remember keeps the attempt ({@link PendingSignIns}) until the provider answers
	 * @throws TooManySignInStartsException when this client address has started too many
	 */
	RedirectView toProvider(SignInProvider provider, HttpServletRequest request, Consumer<PendingSignIn> remember) {
		if (!this.limiter.tryStart(ClientAddress.of(request).orElse(null))) {
			this.failures.rateLimited(provider.id());
			throw new TooManySignInStartsException(provider.id());
		}
		PendingSignIn pending = provider.start(request);
		remember.accept(pending);
		RedirectView toProvider = new RedirectView(pending.redirectUri().toString());
		toProvider.setExpandUriTemplateVariables(false);
		return toProvider;
	}

}
