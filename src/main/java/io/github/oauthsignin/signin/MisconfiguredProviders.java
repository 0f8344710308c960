package io.github.oauthsignin.signin;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The providers whose last sign-in failed because they are not set up correctly ({@link ProviderMisconfiguredException}),
 * with why, until one of them works again: what health shows an operator without calling any provider. Held in
 * memory, per instance; at most one entry per configured provider.
 */
@Component
public class MisconfiguredProviders {

	private final Map<String, String> reasons = new ConcurrentHashMap<>();

	/** The provider failed as not set up correctly, for this reason. */
	void misconfigured(String providerId, String reason) {
		this.reasons.put(providerId, reason);
	}

	/** A sign-in (or a connection) with the provider has worked. */
	void working(String providerId) {
		this.reasons.remove(providerId);
	}

	/** Why the provider is not set up correctly, when its last sign-in said so. */
	public Optional<String> reason(String providerId) {
		return Optional.ofNullable(this.reasons.get(providerId));
	}

}
