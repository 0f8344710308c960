package io.github.oauthsignin.signin;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The configured {@link SignInProvider} beans, by id, in the order they are declared. A provider that is not
 * configured has no bean, so it is simply absent here.
 */
@Component
public class SignInProviders {

	private final Map<String, SignInProvider> byId;

	private final List<ProviderSetup> unconfigured;

	SignInProviders(List<SignInProvider> providers, List<ProviderSetup> setups) {
		Map<String, SignInProvider> map = new LinkedHashMap<>();
		for (SignInProvider provider : providers) {
			if (map.putIfAbsent(provider.id(), provider) != null) {
				throw new IllegalStateException("Two sign-in providers are named " + provider.id());
			}
		}
		this.byId = Collections.unmodifiableMap(map);
		this.unconfigured = setups.stream().filter((setup) -> !this.byId.containsKey(setup.id())).toList();
	}

	/** The provider with this id, or empty when there is none or it is not configured. */
	public Optional<SignInProvider> find(String id) {
		return Optional.ofNullable(this.byId.get(id));
	}

	/** The configured providers. */
	public Collection<SignInProvider> all() {
		return this.byId.values();
	}

	/** The providers the app knows but that lack their settings, with what to set. */
	public List<ProviderSetup> unconfigured() {
		return this.unconfigured;
	}

	/**
	 * Display name of the provider with this id, also when it is not configured (any more: an account page still
	 * names the provider of an account made while it was), or the id itself for a provider the app does not know.
	 */
	public String displayName(String id) {
		return find(id).map(SignInProvider::displayName)
			.or(() -> this.unconfigured.stream()
				.filter((setup) -> setup.id().equals(id))
				.map(ProviderSetup::displayName)
				.findFirst())
			.orElse(id);
	}

}
