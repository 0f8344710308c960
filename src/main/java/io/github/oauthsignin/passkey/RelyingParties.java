package io.github.oauthsignin.passkey;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;

import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.signin.SignInProperties;

/**
 * The relying party each request speaks to: Spring Security's {@link Webauthn4JRelyingPartyOperations} for one RP id
 * and one origin, requiring user verification and a discoverable credential. With {@code signin.public-url} set there
 * is one, made at start, which refuses to start on an RP id that can never match that origin; otherwise one per
 * origin the requests name (scheme, host and port, as the trusted proxy reports them), a few kept in memory.
 */
@Component
class RelyingParties {

	/** Origins kept at once: a request may name any host, so keep no more than an app is ever reached at. */
	private static final int ORIGINS = 16;

	private final PasskeyProperties properties;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final UserCredentialRepository credentials;

	private final RelyingParty configured;

	private final Cache<String, RelyingParty> byOrigin = Caffeine.newBuilder().maximumSize(ORIGINS).build();

	RelyingParties(PasskeyProperties properties, SignInProperties signIn,
			PublicKeyCredentialUserEntityRepository userEntities, PasskeyCredentials credentials) {
		this.properties = properties;
		this.userEntities = userEntities;
		this.credentials = credentials.guarded();
		this.configured = (signIn.publicUrl() != null) ? configured(signIn.publicUrl()) : null;
		if (this.configured == null && properties.rpId() != null) {
			throw new InvalidSettingException("signin.passkeys.rp-id",
					"needs signin.public-url: without it the origin is each request's, which the RP id may not fit");
		}
	}

	/** The relying party of the origin this request was made to. */
	RelyingParty of(HttpServletRequest request) {
		if (this.configured != null) {
			return this.configured;
		}
		String origin = origin(request.getScheme(), request.getServerName(), request.getServerPort());
		return this.byOrigin.get(origin, (key) -> create(request.getServerName().toLowerCase(Locale.ROOT), key));
	}

	private RelyingParty configured(URI publicUrl) {
		String host = publicUrl.getHost().toLowerCase(Locale.ROOT);
		String rpId = (this.properties.rpId() != null) ? this.properties.rpId().toLowerCase(Locale.ROOT) : host;
		if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
			throw new InvalidSettingException("signin.passkeys.rp-id", "must be the host of signin.public-url ("
					+ host + ") or a domain it belongs to: a browser refuses a passkey for '" + rpId + "' there");
		}
		return create(rpId, origin(publicUrl.getScheme(), host, publicUrl.getPort()));
	}

	private RelyingParty create(String rpId, String origin) {
		return create(this.userEntities, this.credentials, this.properties, rpId, origin);
	}

	/** Spring Security's operations for one RP id and origin, requiring user verification and a resident key. */
	static RelyingParty create(PublicKeyCredentialUserEntityRepository userEntities,
			UserCredentialRepository credentials, PasskeyProperties properties, String rpId, String origin) {
		Webauthn4JRelyingPartyOperations operations = new Webauthn4JRelyingPartyOperations(userEntities, credentials,
				PublicKeyCredentialRpEntity.builder().id(rpId).name(properties.rpName()).build(), Set.of(origin));
		operations.setCustomizeCreationOptions((options) -> options.authenticatorSelection(REQUIREMENTS)
			.timeout(properties.timeout()));
		operations.setCustomizeRequestOptions((options) -> options.userVerification(UserVerificationRequirement.REQUIRED)
			.timeout(properties.timeout()));
		return new RelyingParty(rpId, properties.rpName(), origin, operations);
	}

	/** A passkey for this app lives on the device (or the person's password manager), and unlocking it is required. */
	static final AuthenticatorSelectionCriteria REQUIREMENTS = AuthenticatorSelectionCriteria.builder()
		.residentKey(ResidentKeyRequirement.REQUIRED)
		.userVerification(UserVerificationRequirement.REQUIRED)
		.build();

	private static String origin(String scheme, String host, int port) {
		String lowerScheme = scheme.toLowerCase(Locale.ROOT);
		boolean defaultPort = port == -1 || ("https".equals(lowerScheme) && port == 443)
				|| ("http".equals(lowerScheme) && port == 80);
		return lowerScheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
	}

	/**
	 * One relying party.
	 * @param id its RP id
	 * @param name the name authenticators may show
	 * @param origin the only origin it accepts answers from
	 * @param operations Spring Security's operations for it
	 */
	record RelyingParty(String id, String name, String origin, WebAuthnRelyingPartyOperations operations) {
	}

}
