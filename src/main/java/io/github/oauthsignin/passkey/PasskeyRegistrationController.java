package io.github.oauthsignin.passkey;

import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.webauthn4j.util.exception.WebAuthnException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import io.github.oauthsignin.passkey.PasskeyJson.Posted;
import io.github.oauthsignin.passkey.RelyingParties.RelyingParty;
import io.github.oauthsignin.security.ReturnPaths;
import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.web.BrowserFamily;
import io.github.oauthsignin.web.PageMessages;

/**
 * Adding a passkey to the signed-in account, from the account page's script: {@code POST /account/passkeys/options}
 * gives the browser the options to create one (a new challenge, kept in the session, used once), and
 * {@code POST /account/passkeys} stores what it created, through Spring Security's relying party operations. Both
 * need the session's CSRF token, as every signed-in form. Whatever happens, the answer says where to go (the account
 * page), with a message there.
 */
@Controller
@RequestMapping("/account/passkeys")
class PasskeyRegistrationController {

	static final String CHALLENGE = PasskeyRegistrationController.class.getName() + ".challenge";

	private static final Logger logger = LoggerFactory.getLogger(PasskeyRegistrationController.class);

	private final RelyingParties parties;

	private final PasskeyCredentials credentials;

	private final PasskeyProperties properties;

	private final PageMessages messages;

	private final Clock clock;

	PasskeyRegistrationController(RelyingParties parties, PasskeyCredentials credentials,
			PasskeyProperties properties, PageMessages messages, Clock clock) {
		this.parties = parties;
		this.credentials = credentials;
		this.properties = properties;
		this.messages = messages;
		this.clock = clock;
	}

	@PostMapping("/options")
	ResponseEntity<String> options(@AuthenticationPrincipal SignedInUser signedIn, Authentication authentication,
			HttpServletRequest request) {
		RelyingParty party = this.parties.of(request);
		PublicKeyCredentialUserEntity entity = this.credentials.userEntity(signedIn.id(), signedIn.displayName());
		PublicKeyCredentialCreationOptions options = party.operations()
			.createPublicKeyCredentialCreationOptions(new ImmutablePublicKeyCredentialCreationOptionsRequest(authentication));
		request.getSession()
			.setAttribute(CHALLENGE, new PasskeyChallenge(options.getChallenge().getBytes(), party.id(),
					entity.getId().getBytes(), this.clock.instant().plus(this.properties.timeout())));
		return PasskeyJson.answer(forBrowser(options, signedIn));
	}

	/**
	 * The options as the browser gets them: the authenticator shows the person's name (and handle) beside the
	 * passkey, not the user id that names the account here.
	 */
	private static PublicKeyCredentialCreationOptions forBrowser(PublicKeyCredentialCreationOptions options,
			SignedInUser signedIn) {
		String name = (signedIn.username() != null) ? signedIn.username() : signedIn.displayName();
		return PublicKeyCredentialCreationOptions.builder()
			.rp(options.getRp())
			.user(ImmutablePublicKeyCredentialUserEntity.builder()
				.id(options.getUser().getId())
				.name(name)
				.displayName(signedIn.displayName())
				.build())
			.challenge(options.getChallenge())
			.pubKeyCredParams(options.getPubKeyCredParams())
			.timeout(options.getTimeout())
			.excludeCredentials(options.getExcludeCredentials())
			.authenticatorSelection(options.getAuthenticatorSelection())
			.attestation(options.getAttestation())
			.extensions(options.getExtensions())
			.build();
	}

	@PostMapping
	ResponseEntity<String> register(@AuthenticationPrincipal SignedInUser signedIn, HttpServletRequest request,
			HttpServletResponse response) {
		PasskeyChallenge challenge = takeChallenge(request);
		Optional<Posted> posted = PasskeyJson.read(request);
		String outcome = outcome(signedIn, challenge, posted, request);
		logger.info("User {} adding a passkey: {}", signedIn.id(), outcome);
		this.messages.flash(request, response, ReturnPaths.ACCOUNT, "passkey.add." + outcome);
		return PasskeyJson.redirect(request.getContextPath() + ReturnPaths.ACCOUNT);
	}

	private String outcome(SignedInUser signedIn, PasskeyChallenge challenge, Optional<Posted> posted,
			HttpServletRequest request) {
		Optional<String> error = posted.flatMap(Posted::error);
		if (error.isPresent()) {
			return BrowserErrors.whenAdding(error.get());
		}
		Optional<PublicKeyCredential<AuthenticatorAttestationResponse>> credential = posted
			.flatMap(Posted::attestation);
		if (credential.isEmpty()) {
			return "refused";
		}
		if (challenge == null || challenge.expired(this.clock.instant())) {
			return "expired";
		}
		if (this.credentials.find(credential.get().getRawId()).isPresent()) {
			return "alreadyRegistered";
		}
		RelyingParty party = this.parties.of(request);
		String label = posted.flatMap(Posted::label)
			.map(PasskeyCredentials::cleanLabel)
			.filter((text) -> !text.isEmpty())
			.orElseGet(() -> defaultLabel(request));
		try {
			party.operations()
				.registerCredential(new ImmutableRelyingPartyRegistrationRequest(
						challenge.creationOptions(party.name(), Long.toString(signedIn.id())),
						new RelyingPartyPublicKey(credential.get(), PasskeyCredentials.cleanLabel(label))));
			return "added";
		}
		catch (WebAuthnException | IllegalArgumentException ex) {
			logger.info("A new passkey was refused: {}", ex.getClass().getSimpleName());
			return "refused";
		}
	}

	/** The challenge this session was given, removed: it answers once. */
	private static PasskeyChallenge takeChallenge(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		Object challenge = session.getAttribute(CHALLENGE);
		session.removeAttribute(CHALLENGE);
		return (challenge instanceof PasskeyChallenge kept) ? kept : null;
	}

	/** Such as "Chrome on Linux": what the person most likely made it with, until they name it. */
	private String defaultLabel(HttpServletRequest request) {
		BrowserFamily family = BrowserFamily.of(request.getHeader(HttpHeaders.USER_AGENT));
		if (family.browser() == null) {
			return this.messages.text("passkey.name");
		}
		return (family.system() != null) ? this.messages.text("passkey.label", family.browser(), family.system())
				: family.browser();
	}

}
