package io.github.oauthsignin.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.github.oauthsignin.fake.FakeServer;

/**
 * A list of stand-in providers ({@link StandIn}) and the settings that point the app at all of them, in every form a
 * test hands settings to the app: a test context's {@link DynamicPropertyRegistry}, command-line arguments,
 * environment variables.
 * <p>
 * Why one type: every way the tests start the app (a Spring test context, an app started by the test itself, the
 * fat jar as a process, the sandbox) needs the same settings. Written out once, they cannot drift apart, and a new
 * provider is one more stand-in in the list.
 */
public final class StandInProviders implements AutoCloseable {

	private final Map<String, StandIn> byId;

	private StandInProviders(List<StandIn> standIns) {
		Map<String, StandIn> map = new LinkedHashMap<>();
		standIns.forEach((standIn) -> {
			if (map.putIfAbsent(standIn.providerId(), standIn) != null) {
				throw new IllegalArgumentException("Two stand-ins for " + standIn.providerId());
			}
		});
		this.byId = map;
	}

	/**
	 * Starts the stand-ins in order; if one fails to start, stops those already running, so that no port is left
	 * taken.
	 */
	@SafeVarargs
	public static StandInProviders start(Supplier<StandIn>... starters) {
		List<StandIn> started = new ArrayList<>();
		try {
			for (Supplier<StandIn> starter : starters) {
				started.add(starter.get());
			}
			return new StandInProviders(started);
		}
		catch (RuntimeException ex) {
			started.forEach(StandIn::close);
			throw ex;
		}
	}

	/** The two stand-ins most tests sign in with: Facebook over OAuth 2 and X over OAuth 1.0a. */
	public static StandInProviders facebookAndTwitter(String facebookAppId, String facebookAppSecret,
			String twitterConsumerKey, String twitterConsumerSecret) {
		return start(StandIn.facebook(facebookAppId, facebookAppSecret),
				StandIn.twitter(twitterConsumerKey, twitterConsumerSecret));
	}

	/** The stand-in for this provider id. */
	public StandIn standIn(String providerId) {
		StandIn standIn = this.byId.get(providerId);
		if (standIn == null) {
			throw new IllegalArgumentException("No stand-in for " + providerId + " among " + this.byId.keySet());
		}
		return standIn;
	}

	/** The fake behind the stand-in for this provider id, as the type it is. */
	public <F extends FakeServer> F fake(String providerId, Class<F> type) {
		return standIn(providerId).fake(type);
	}

	/** Every setting that points the app at the stand-ins, by property name, credentials included. */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		this.byId.values().forEach((standIn) -> {
			properties.putAll(standIn.credentialProperties());
			properties.putAll(standIn.settings());
		});
		return properties;
	}

	/**
	 * Every setting but the presets' credentials: for callers that give those another way (the sandbox's
	 * properties file, the documented environment variables).
	 */
	public Map<String, String> settings() {
		Map<String, String> settings = new LinkedHashMap<>();
		this.byId.values().forEach((standIn) -> {
			if (standIn.credentialVariables().isEmpty()) {
				settings.putAll(standIn.credentialProperties());
			}
			settings.putAll(standIn.settings());
		});
		return settings;
	}

	/** The presets' credentials as their documented environment variables, such as {@code FACEBOOK_CLIENT_ID}. */
	public Map<String, String> credentialVariables() {
		Map<String, String> variables = new LinkedHashMap<>();
		this.byId.values().forEach((standIn) -> variables.putAll(standIn.credentialVariables()));
		return variables;
	}

	/**
	 * Everything as environment variables, as on a server: the credentials as the documented variables, the rest in
	 * Spring Boot's relaxed-binding form (such as {@code SIGNIN_TWITTER_REQUESTTOKENURI}).
	 */
	public Map<String, String> environment() {
		Map<String, String> environment = credentialVariables();
		settings().forEach((name, value) -> environment.put(StandIn.variableFor(name), value));
		return environment;
	}

	/** Everything as command-line arguments, {@code --name=value}: they win over every properties file. */
	public List<String> arguments() {
		return arguments(properties());
	}

	/** These properties as command-line arguments, {@code --name=value}, in their order. */
	public static List<String> arguments(Map<String, String> properties) {
		List<String> arguments = new ArrayList<>();
		properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return arguments;
	}

	/** Everything into a test context, from a {@code @DynamicPropertySource} method. */
	public void register(DynamicPropertyRegistry registry) {
		properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * Registers the app's callback URLs at every stand-in, as one does in each provider's developer settings.
	 * @param appBaseUri where the app is opened, such as {@code http://localhost:8080} (a trailing slash is dropped)
	 */
	public void allowCallbacksAt(String appBaseUri) {
		String root = appBaseUri.replaceAll("/+$", "");
		this.byId.values().forEach((standIn) -> standIn.allowCallbacksAt(root));
	}

	/** The app's name on every consent page. */
	public void appName(String name) {
		this.byId.values().forEach((standIn) -> standIn.appName(name));
	}

	/** Restores every fake's defaults, so that one set can serve many tests (see each fake's {@code reset}). */
	public void reset() {
		this.byId.values().forEach((standIn) -> standIn.fake().reset());
	}

	/** Stops every stand-in, each even when stopping another fails. */
	@Override
	public void close() {
		RuntimeException failure = null;
		for (StandIn standIn : this.byId.values()) {
			try {
				standIn.close();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = new IllegalStateException("Could not stop " + standIn.providerId(), ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
