package io.github.oauthsignin.signin.oauth2;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.OidcScopes;

import io.github.oauthsignin.config.HttpUrls;

/**
 * The OAuth 2 client registrations, in place of Spring Boot's: a registration with an {@code issuer-uri} is
 * completed from the issuer's discovery document when it is first asked for, not at start-up, so that an issuer
 * that is down does not stop the app. Until discovery works, asking for that registration fails with an
 * {@link IssuerUnavailableException}, and the next request tries again. Every other registration is built, and
 * checked, at start-up.
 */
public class LazyClientRegistrationRepository implements ClientRegistrationRepository {

	private final Map<String, Entry> entries;

	LazyClientRegistrationRepository(List<ConfiguredRegistration> configured, IssuerDiscovery discovery) {
		Map<String, Entry> map = new LinkedHashMap<>();
		configured.forEach((registration) -> map.put(registration.id(), new Entry(registration, discovery)));
		this.entries = Collections.unmodifiableMap(map);
	}

	/**
	 * The registration with this id, completed by discovery if need be.
	 * @return null when there is no such registration
	 * @throws IssuerUnavailableException when its issuer's discovery document cannot be had now
	 * @throws IssuerMisconfiguredException when the document does not fit the configuration
	 */
	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		Entry entry = this.entries.get(registrationId);
		return (entry != null) ? entry.registration() : null;
	}

	/**
	 * Where this registration sends the browser, as far as known without calling anyone: the origin of its
	 * authorization endpoint, or, while its issuer is not yet discovered, the issuer's origin.
	 */
	List<String> authorizationOrigins(String registrationId) {
		Entry entry = this.entries.get(registrationId);
		return (entry != null) ? entry.authorizationOrigins() : List.of();
	}

	/** Every configured registration, as configured (some not yet discovered). */
	Collection<ConfiguredRegistration> configured() {
		return this.entries.values().stream().map(Entry::configured).toList();
	}

	/** One registration: built at once, or once its issuer's document has been fetched. */
	private static final class Entry {

		private final ConfiguredRegistration configured;

		private final IssuerDiscovery discovery;

		private volatile ClientRegistration built;

		private volatile List<String> origins;

		Entry(ConfiguredRegistration configured, IssuerDiscovery discovery) {
			this.configured = configured;
			this.discovery = discovery;
			if (configured.issuer().isEmpty()) {
				this.built = configured.build(null);
			}
		}

		ConfiguredRegistration configured() {
			return this.configured;
		}

		List<String> authorizationOrigins() {
			List<String> known = this.origins;
			if (known == null) {
				ClientRegistration registration = this.built;
				String origin = HttpUrls.origin((registration != null)
						? registration.getProviderDetails().getAuthorizationUri() : this.configured.issuer().orElse(null));
				known = (origin != null) ? List.of(origin) : List.of();
				if (registration != null) {
					this.origins = known;
				}
			}
			return known;
		}

		/**
		 * Two first sign-ins at once may both fetch the document; they build the same registration, and which one
		 * is kept does not matter. No lock, so that an issuer that hangs holds up each caller for its own read
		 * timeout only.
		 */
		ClientRegistration registration() {
			ClientRegistration registration = this.built;
			if (registration == null) {
				String issuer = this.configured.issuer().orElseThrow();
				Map<String, Object> document = this.discovery.configuration(issuer);
				try {
					registration = this.configured.build(document);
				}
				catch (RuntimeException ex) {
					throw new IssuerMisconfiguredException(
							"the discovery document of " + issuer + " is not usable: " + ex.getMessage(), ex);
				}
				IdTokenAlgorithms algorithms = IdTokenAlgorithms.of(document);
				if (registration.getScopes().contains(OidcScopes.OPENID) && algorithms.accepted().isEmpty()) {
					throw new IssuerMisconfiguredException("the discovery document of " + issuer + " lists "
							+ IdTokenAlgorithms.DISCOVERY_FIELD + " " + algorithms.listed()
							+ ": none is an algorithm ID tokens are accepted with (RS*, PS*, ES*, EdDSA)", null);
				}
				this.built = registration;
			}
			return registration;
		}

	}

}
