package io.github.oauthsignin.passkey;

import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.github.oauthsignin.passkey.RelyingParties.RelyingParty;
import io.github.oauthsignin.security.ReturnPaths;
import io.github.oauthsignin.signin.SignInChallenges;

/**
 * Signing in with a passkey, from the home page's script, for a visitor who is not signed in:
 * {@code POST /passkey/options} gives the browser a challenge for any of this site's passkeys (discoverable
 * credentials: no name to type), kept like a provider sign-in's attempt (bounded, bound to the browser's cookie, used
 * once, never in a session); {@code POST /passkey/sign-in} checks the answer ({@link PasskeySignIn}). The answer
 * says where to go next, with a message there when it did not work.
 */
@Controller
class PasskeySignInController {

	private static final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final RelyingParties parties;

	private final SignInChallenges challenges;

	private final PasskeySignIn signIn;

	private final PasskeyProperties properties;

	private final Clock clock;

	PasskeySignInController(RelyingParties parties, SignInChallenges challenges, PasskeySignIn signIn,
			PasskeyProperties properties, Clock clock) {
		this.parties = parties;
		this.challenges = challenges;
		this.signIn = signIn;
		this.properties = properties;
		this.clock = clock;
	}

	@PostMapping("/passkey/options")
	ResponseEntity<String> options(@RequestParam(name = "next", required = false) String next,
			@RequestParam(name = "remember-me", defaultValue = "false") boolean rememberMe,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		String returnTo = ReturnPaths.sanitize(next);
		if (trustResolver.isAuthenticated(authentication)) {
			return ResponseEntity.status(HttpStatus.CONFLICT).build();
		}
		RelyingParty party = this.parties.of(request);
		PublicKeyCredentialRequestOptions options = party.operations()
			.createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(null));
		PasskeyChallenge challenge = new PasskeyChallenge(options.getChallenge().getBytes(), party.id(), null,
				this.clock.instant().plus(this.properties.timeout()));
		if (!this.challenges.start(request, response, PasskeyCredentials.WAY_IN,
				options.getChallenge().toBase64UrlString(), challenge, returnTo, rememberMe)) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).build();
		}
		return PasskeyJson.answer(options);
	}

	@PostMapping("/passkey/sign-in")
	ResponseEntity<String> signIn(Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		if (trustResolver.isAuthenticated(authentication)) {
			return PasskeyJson.redirect(request.getContextPath() + ReturnPaths.HOME);
		}
		Optional<PasskeyJson.Posted> posted = PasskeyJson.read(request);
		String next = this.signIn.complete(posted, this.parties.of(request), request, response);
		return PasskeyJson.redirect(request.getContextPath() + next);
	}

}
