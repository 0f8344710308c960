package io.github.oauthsignin.sandbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.fake.oauth2.Flavour;
import io.github.oauthsignin.support.StandIn;
import io.github.oauthsignin.support.StandInProviders;

/**
 * The sandbox's stand-ins: the strict fakes in consent-page mode, where a person picks or makes up who signs in, for
 * Facebook, X (OAuth 1.0a), GitHub, "Sandbox ID" (OpenID Connect, configured like any provider without preset) and
 * Apple (whose stand-in makes the team's private key, which it hands the app as {@code APPLE_PRIVATE_KEY}).
 * Started with the app's own (made-up) credentials, they point the app's endpoint properties at themselves.
 * <p>
 * Why a {@link BeanFactoryPostProcessor}: Spring creates those before any ordinary bean, so the fakes listen and
 * their addresses are in the environment before anything reads the provider properties (the OAuth 2 client
 * registrations, {@code TwitterProperties}). Their addresses cannot be written in a properties file, because with
 * port 0 they are only known once the fakes listen. The credentials come from {@code application-sandbox.properties}.
 * <p>
 * Being a bean ties the fakes to the application context: no static state, and closing the context stops them.
 */
final class SandboxProviders implements BeanFactoryPostProcessor, AutoCloseable {

	static final String PROPERTY_SOURCE_NAME = "sandboxProviders";

	private static final String REGISTRATION = "spring.security.oauth2.client.registration.";

	private static final Logger logger = LoggerFactory.getLogger(SandboxProviders.class);

	private final ConfigurableEnvironment environment;

	private final StandInProviders standIns;

	private SandboxProviders(ConfigurableEnvironment environment, StandInProviders standIns) {
		this.environment = environment;
		this.standIns = standIns;
	}

	/**
	 * Starts the stand-ins on the ports of {@code sandbox.<provider>.port}.
	 * @throws InvalidSettingException when a port setting is not a port, or a credential is missing (the profile
	 * {@code sandbox} is not active)
	 */
	static SandboxProviders start(ConfigurableEnvironment environment, String appName) {
		List<Supplier<StandIn>> starters = new ArrayList<>();
		starters.add(onPort(environment, "facebook", (port) -> StandIn.facebookSandbox(port,
				required(environment, REGISTRATION + "facebook.client-id"),
				required(environment, REGISTRATION + "facebook.client-secret"))));
		starters.add(onPort(environment, "twitter", (port) -> StandIn.twitterSandbox(port,
				required(environment, "signin.twitter.consumer-key"),
				required(environment, "signin.twitter.consumer-secret"))));
		starters.add(onPort(environment, "github", (port) -> StandIn.presetSandbox("github", "GITHUB",
				Flavour.GITHUB, port, required(environment, REGISTRATION + "github.client-id"),
				required(environment, REGISTRATION + "github.client-secret"))));
		starters.add(onPort(environment, "sandbox-id", (port) -> StandIn.openIdConnectSandbox("sandbox-id",
				required(environment, REGISTRATION + "sandbox-id.client-name"), port,
				required(environment, REGISTRATION + "sandbox-id.client-id"),
				required(environment, REGISTRATION + "sandbox-id.client-secret"))));
		starters.add(onPort(environment, "apple", (port) -> StandIn.appleSandbox(port,
				required(environment, "APPLE_CLIENT_ID"), required(environment, "APPLE_TEAM_ID"),
				required(environment, "APPLE_KEY_ID"))));
		@SuppressWarnings("unchecked")
		StandInProviders standIns = StandInProviders.start(starters.toArray(Supplier[]::new));
		standIns.appName(appName);
		return new SandboxProviders(environment, standIns);
	}

	/** Points the app at the stand-ins, ahead of every other property source. */
	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		this.environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties()));
	}

	/** Only the endpoints: the credentials are in {@code application-sandbox.properties} already. */
	Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		this.standIns.properties().forEach((name, value) -> {
			if (!this.environment.containsProperty(name)) {
				properties.put(name, value);
			}
		});
		return properties;
	}

	/**
	 * Registers the app's callback URLs at every stand-in, as one would in each provider's developer settings. The
	 * fakes compare them as exact strings, so every address the app may be opened at is listed.
	 * @param appBaseUris the app's addresses, such as {@code http://localhost:8080}
	 */
	void allowCallbacks(List<URI> appBaseUris) {
		for (URI base : appBaseUris) {
			this.standIns.allowCallbacksAt(base.toString());
		}
	}

	/** Each stand-in's address, by provider id. */
	Map<String, URI> addresses() {
		Map<String, URI> addresses = new LinkedHashMap<>();
		for (String id : List.of("facebook", "twitter", "github", "sandbox-id", "apple")) {
			addresses.put(id, this.standIns.standIn(id).fake().baseUri());
		}
		return addresses;
	}

	@Override
	public void close() {
		this.standIns.close();
	}

	/**
	 * Starts a stand-in on the port of {@code sandbox.<provider>.port}; when another program has that port, on any
	 * free one instead, saying so (the line the sandbox prints once ready says where each one is).
	 */
	private static Supplier<StandIn> onPort(ConfigurableEnvironment environment, String provider,
			PortStarter starter) {
		String portProperty = "sandbox." + provider + ".port";
		Integer port = environment.getProperty(portProperty, Integer.class);
		if (port == null || port < 0 || port > 65535) {
			throw new InvalidSettingException(portProperty, "must be a port number (0 for any free one), not "
					+ environment.getProperty(portProperty));
		}
		return () -> {
			try {
				return starter.start(port).get();
			}
			catch (IllegalStateException ex) {
				if (port == 0) {
					throw ex;
				}
				logger.info("Sandbox: port {} ({}) is taken by another program; the stand-in {} takes a free one",
						port, portProperty, provider);
				return starter.start(0).get();
			}
		};
	}

	private static String required(ConfigurableEnvironment environment, String property) {
		String value = environment.getProperty(property);
		if (value == null || value.isBlank()) {
			throw new InvalidSettingException(property,
					"is not set: the sandbox needs the profile 'sandbox' (application-sandbox.properties)");
		}
		return value;
	}

	@FunctionalInterface
	private interface PortStarter {

		Supplier<StandIn> start(int port);

	}

}
