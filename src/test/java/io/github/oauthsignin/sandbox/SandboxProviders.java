package io.github.oauthsignin.sandbox;

import java.net.URI;
import java.util.ArrayList;
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

	private static final String FACEBOOK_PROVIDER = "spring.security.oauth2.client.provider.facebook.";

	private static final String TWITTER = "signin.twitter.";

	private final ConfigurableEnvironment environment;

	private final FakeFacebook facebook;

	private final FakeTwitter twitter;

	private SandboxProviders(ConfigurableEnvironment environment, FakeFacebook facebook, FakeTwitter twitter) {
		this.environment = environment;
		this.facebook = facebook;
		this.twitter = twitter;
	}

	/**
	 * Starts both stand-ins on the ports of {@code sandbox.facebook.port} and {@code sandbox.twitter.port}.
	 * @throws InvalidSettingException when a port is taken, or a credential is missing (the profile
	 * {@code sandbox} is not active)
	 */
	static SandboxProviders start(ConfigurableEnvironment environment, String appName) {
		FakeFacebook facebook = start(FACEBOOK_PORT, environment, (port) -> FakeFacebook.startSandbox(port,
				required(environment, FACEBOOK_CLIENT + "client-id"),
				required(environment, FACEBOOK_CLIENT + "client-secret")));
		try {
			FakeTwitter twitter = start(TWITTER_PORT, environment, (port) -> FakeTwitter.startSandbox(port,
					required(environment, TWITTER + "consumer-key"), required(environment, TWITTER + "consumer-secret")));
			facebook.appName(appName);
			twitter.appName(appName);
			return new SandboxProviders(environment, facebook, twitter);
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

	Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(FACEBOOK_PROVIDER + "authorization-uri", this.facebook.authorizationUri());
		properties.put(FACEBOOK_PROVIDER + "token-uri", this.facebook.tokenUri());
		properties.put(FACEBOOK_PROVIDER + "user-info-uri", this.facebook.userInfoUri());
		properties.put(TWITTER + "request-token-uri", this.twitter.requestTokenUri());
		properties.put(TWITTER + "authorize-uri", this.twitter.authorizeUri());
		properties.put(TWITTER + "access-token-uri", this.twitter.accessTokenUri());
		properties.put(TWITTER + "user-info-uri", this.twitter.userInfoUri());
		return properties;
	}

	/**
	 * Registers the app's callback URLs at both stand-ins, as one would in Facebook's and X's developer
	 * settings. The fakes compare them as exact strings, so every address the app may be opened at is listed.
	 * @param appBaseUris the app's addresses, such as {@code http://localhost:8080}
	 */
	void allowCallbacks(List<URI> appBaseUris) {
		for (URI base : appBaseUris) {
			String root = base.toString().replaceAll("/+$", "");
			this.facebook.allowRedirectUri(root + "/callback/facebook");
			this.twitter.allowCallback(root + "/callback/twitter");
		}
	}

	URI facebookUri() {
		return this.facebook.baseUri();
	}

	URI twitterUri() {
		return this.twitter.baseUri();
	}

	@Override
	public void close() {
		List<RuntimeException> failures = new ArrayList<>();
		for (AutoCloseable fake : List.<AutoCloseable>of(this.facebook, this.twitter)) {
			try {
				fake.close();
			}
			catch (Exception ex) {
				failures.add(new IllegalStateException("Could not stop " + fake, ex));
			}
		}
		if (!failures.isEmpty()) {
			throw failures.get(0);
		}
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
