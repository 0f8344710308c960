package io.github.oauthsignin.sandbox;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.support.StandInProviders;

/**
 * The sandbox's stand-ins for Facebook and X: the strict fakes in consent-page mode, where a person picks or makes
 * up who signs in. Started with the app's own (made-up) credentials, they point the app's provider endpoint
 * properties at themselves.
 * <p>
 * Why a {@link BeanFactoryPostProcessor}: Spring creates those before any ordinary bean, so the fakes listen and
 * their addresses are in the environment before anything binds the provider properties (the OAuth 2 client
 * registration, {@code TwitterProperties}). Their addresses cannot be written in a properties file, because with
 * port 0 they are only known once the fakes listen. The credentials are read even earlier, while the configuration
 * is parsed (they switch each provider on), so they come from {@code application-sandbox.properties}.
 * <p>
 * Being a bean ties the fakes to the application context: no static state, and closing the context stops them.
 */
final class SandboxProviders implements BeanFactoryPostProcessor, AutoCloseable {

	static final String PROPERTY_SOURCE_NAME = "sandboxProviders";

	static final String FACEBOOK_PORT = "sandbox.facebook.port";

	static final String TWITTER_PORT = "sandbox.twitter.port";

	private static final String FACEBOOK_CLIENT = "spring.security.oauth2.client.registration.facebook.";

	private static final String TWITTER = "signin.twitter.";

	private final ConfigurableEnvironment environment;

	private final StandInProviders standIns;

	private SandboxProviders(ConfigurableEnvironment environment, StandInProviders standIns) {
		this.environment = environment;
		this.standIns = standIns;
	}

	/**
	 * Starts both stand-ins on the ports of {@code sandbox.facebook.port} and {@code sandbox.twitter.port}.
	 * @throws InvalidSettingException when a port is taken, or a credential is missing (the profile
	 * {@code sandbox} is not active)
	 */
	static SandboxProviders start(ConfigurableEnvironment environment, String appName) {
		String appId = required(environment, FACEBOOK_CLIENT + "client-id");
		String appSecret = required(environment, FACEBOOK_CLIENT + "client-secret");
		FakeFacebook facebook = start(FACEBOOK_PORT, environment,
				(port) -> FakeFacebook.startSandbox(port, appId, appSecret));
		try {
			String consumerKey = required(environment, TWITTER + "consumer-key");
			String consumerSecret = required(environment, TWITTER + "consumer-secret");
			FakeTwitter twitter = start(TWITTER_PORT, environment,
					(port) -> FakeTwitter.startSandbox(port, consumerKey, consumerSecret));
			StandInProviders standIns = StandInProviders.of(facebook, appId, appSecret, twitter, consumerKey,
					consumerSecret);
			standIns.appName(appName);
			return new SandboxProviders(environment, standIns);
		}
		catch (RuntimeException ex) {
			facebook.close();
			throw ex;
		}
	}

	/** Points the app at the stand-ins, ahead of every other property source. */
	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		this.environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties()));
	}

	/** Only the endpoints: the credentials are in {@code application-sandbox.properties} already. */
	Map<String, Object> properties() {
		return new LinkedHashMap<>(this.standIns.endpoints());
	}

	/**
	 * Registers the app's callback URLs at both stand-ins, as one would in Facebook's and X's developer
	 * settings. The fakes compare them as exact strings, so every address the app may be opened at is listed.
	 * @param appBaseUris the app's addresses, such as {@code http://localhost:8080}
	 */
	void allowCallbacks(List<URI> appBaseUris) {
		for (URI base : appBaseUris) {
			this.standIns.allowCallbacksAt(base.toString());
		}
	}

	URI facebookUri() {
		return this.standIns.facebook().baseUri();
	}

	URI twitterUri() {
		return this.standIns.twitter().baseUri();
	}

	@Override
	public void close() {
		this.standIns.close();
	}

	private static <T> T start(String portProperty, ConfigurableEnvironment environment, Starter<T> starter) {
		Integer port = environment.getProperty(portProperty, Integer.class);
		if (port == null || port < 0 || port > 65535) {
			throw new InvalidSettingException(portProperty, "must be a port number (0 for any free one), not "
					+ environment.getProperty(portProperty));
		}
		try {
			return starter.start(port);
		}
		catch (IllegalStateException ex) {
			InvalidSettingException invalid = new InvalidSettingException(portProperty, "is " + port
					+ ", which another program uses: set " + portProperty.toUpperCase(Locale.ROOT).replace('.', '_')
					+ " to a free port, or 0 for any");
			invalid.initCause(ex);
			throw invalid;
		}
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
	private interface Starter<T> {

		T start(int port);

	}

}
