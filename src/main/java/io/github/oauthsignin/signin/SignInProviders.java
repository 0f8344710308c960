package io.github.oauthsignin.signin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.github.oauthsignin.security.ServerToServerPosts;
import io.github.oauthsignin.security.SignInFormTargets;

/**
 * The configured sign-in providers, by id, in the order their buttons appear, and the presets that are not
 * configured. A provider that is not configured has no {@link SignInProvider}, so it is simply absent here.
 * <p>
 * The order: the ids of {@code signin.order} first, then the presets in their own order, then every other provider
 * by name. At start-up, each provider that is on gets one log line saying how it is reached (id, name, protocol,
 * issuer or endpoints), and each preset that is not configured one saying how to turn it on.
 */
@Component
public class SignInProviders implements ServerToServerPosts, SignInFormTargets {

	private static final Logger logger = LoggerFactory.getLogger(SignInProviders.class);

	private final Map<String, SignInProvider> byId;

	private final List<ProviderDescriptor> presets;

	private final List<ProviderDescriptor> unconfigured;

	SignInProviders(List<SignInProvider> providers, List<SignInProviderSource> sources,
			List<ProviderDescriptor> presets, SignInProperties properties) {
		List<SignInProvider> all = new ArrayList<>(providers);
		sources.forEach((source) -> all.addAll(source.signInProviders()));
		Map<String, SignInProvider> map = new LinkedHashMap<>();
		for (SignInProvider provider : all) {
			if (map.putIfAbsent(provider.id(), provider) != null) {
				throw new IllegalStateException("Two sign-in providers are named " + provider.id());
			}
		}
		List<String> presetIds = presets.stream().map(ProviderDescriptor::id).toList();
		Comparator<SignInProvider> order = Comparator
			.comparingInt((SignInProvider provider) -> rank(properties.order(), provider.id()))
			.thenComparingInt((provider) -> rank(presetIds, provider.id()))
			.thenComparing(SignInProvider::displayName, String.CASE_INSENSITIVE_ORDER);
		this.byId = Collections.unmodifiableMap(map.values()
			.stream()
			.sorted(order)
			.collect(Collectors.toMap(SignInProvider::id, (provider) -> provider, (a, b) -> a, LinkedHashMap::new)));
		this.presets = List.copyOf(presets);
		this.unconfigured = presets.stream().filter((preset) -> !this.byId.containsKey(preset.id())).toList();
		this.byId.values()
			.forEach((provider) -> logger.info("{} sign-in is on: id {}, {}", provider.displayName(), provider.id(),
					provider.setup()));
		this.unconfigured.forEach((preset) -> logger.info("{} sign-in is off: {}", preset.displayName(),
				setupHint(preset)));
	}

	private static int rank(List<String> ids, String id) {
		int index = ids.indexOf(id);
		return (index >= 0) ? index : Integer.MAX_VALUE;
	}

	/** The provider with this id, or empty when there is none or it is not configured. */
	public Optional<SignInProvider> find(String id) {
		return Optional.ofNullable(this.byId.get(id));
	}

	@Override
	public List<String> formTargetOrigins() {
		List<String> origins = new ArrayList<>();
		for (SignInProvider provider : this.byId.values()) {
			provider.authorizationOrigins().stream().filter((origin) -> !origins.contains(origin)).forEach(origins::add);
		}
		return origins;
	}

	/** The configured providers, in button order. */
	public Collection<SignInProvider> all() {
		return this.byId.values();
	}

	/** The presets that lack their settings, with what to set ({@link ProviderDescriptor#credentials()}). */
	public List<ProviderDescriptor> unconfigured() {
		return this.unconfigured;
	}

	/**
	 * Display name of the provider with this id, also when it is not configured (any more: an account page still
	 * names the provider of an account made while it was), or the id itself for a provider the app does not know.
	 */
	public String displayName(String id) {
		return find(id).map(SignInProvider::displayName)
			.or(() -> this.presets.stream().filter((preset) -> preset.id().equals(id))
				.map(ProviderDescriptor::displayName)
				.findFirst())
			.orElse(id);
	}

	/** The paths the configured providers post to on their own (see {@link ProviderDescriptor#serverToServerPosts()}). */
	@Override
	public List<String> serverToServerPostPaths() {
		return this.byId.values()
			.stream()
			.flatMap((provider) -> provider.descriptor().serverToServerPosts().stream())
			.toList();
	}

	/** "set FACEBOOK_CLIENT_ID and FACEBOOK_CLIENT_SECRET", with each other way to turn it on after an "or". */
	static String setupHint(ProviderDescriptor preset) {
		return preset.credentials()
			.stream()
			.map((pair) -> "set " + pair.idVariable() + " and " + pair.secretVariable())
			.collect(Collectors.joining(", or ")) + " (see the README)";
	}

}
