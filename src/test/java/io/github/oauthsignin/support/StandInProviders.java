package io.github.oauthsignin.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.twitter.FakeTwitter;

/**
 * A fake Facebook and a fake X, the app credentials they know, and the settings that point the app at them, in
 * every form a test hands settings to the app: a test context's {@link DynamicPropertyRegistry}, command-line
 * arguments, environment variables.
 * <p>
 * Why one type: every way the tests start the app (a Spring test context, an app started by the test itself, the
 * fat jar as a process, the sandbox) needs the same eleven settings. Written out once, they cannot drift apart, and
 * a new provider setting is added in one place.
 */
public final class StandInProviders implements AutoCloseable {

	private static final String FACEBOOK_CLIENT = "spring.security.oauth2.client.registration.facebook.";

	private static final String FACEBOOK_PROVIDER = "spring.security.oauth2.client.provider.facebook.";

	private static final String TWITTER = "signin.twitter.";

	/** The credential properties and the documented environment variables that feed them (docs/DEPLOY.md). */
	private static final Map<String, String> CREDENTIAL_VARIABLES = Map.of(FACEBOOK_CLIENT + "client-id",
			"FACEBOOK_CLIENT_ID", FACEBOOK_CLIENT + "client-secret", "FACEBOOK_CLIENT_SECRET",
			TWITTER + "consumer-key", "TWITTER_CONSUMER_KEY", TWITTER + "consumer-secret", "TWITTER_CONSUMER_SECRET");

	private final FakeFacebook facebook;

	private final String facebookAppId;

	private final String facebookAppSecret;

	private final FakeTwitter twitter;

	private final String twitterConsumerKey;

	private final String twitterConsumerSecret;

	private StandInProviders(FakeFacebook facebook, String facebookAppId, String facebookAppSecret,
			FakeTwitter twitter, String twitterConsumerKey, String twitterConsumerSecret) {
		this.facebook = facebook;
		this.facebookAppId = facebookAppId;
		this.facebookAppSecret = facebookAppSecret;
		this.twitter = twitter;
		this.twitterConsumerKey = twitterConsumerKey;
		this.twitterConsumerSecret = twitterConsumerSecret;
	}

	/**
	 * Starts both fakes in auto-approve mode on free loopback ports, for tests that sign in without a person: each
	 * sign-in is approved at once, as the fake's next person.
	 */
	public static StandInProviders start(String facebookAppId, String facebookAppSecret, String twitterConsumerKey,
			String twitterConsumerSecret) {
		FakeFacebook facebook = FakeFacebook.start(facebookAppId, facebookAppSecret);
		return withTwitter(facebook, facebookAppId, facebookAppSecret,
				() -> FakeTwitter.start(twitterConsumerKey, twitterConsumerSecret), twitterConsumerKey,
				twitterConsumerSecret);
	}

	/**
	 * Starts both fakes in consent-page mode (as in the sandbox) on free loopback ports, for tests where a real
	 * browser clicks through their pages.
	 */
	public static StandInProviders startSandbox(String facebookAppId, String facebookAppSecret,
			String twitterConsumerKey, String twitterConsumerSecret) {
		FakeFacebook facebook = FakeFacebook.startSandbox(0, facebookAppId, facebookAppSecret);
		return withTwitter(facebook, facebookAppId, facebookAppSecret,
				() -> FakeTwitter.startSandbox(0, twitterConsumerKey, twitterConsumerSecret), twitterConsumerKey,
				twitterConsumerSecret);
	}

	/**
	 * Takes over two running fakes, for callers that start them their own way (the sandbox, on configured ports).
	 * They must know these very credentials; {@link #close()} stops them.
	 */
	public static StandInProviders of(FakeFacebook facebook, String facebookAppId, String facebookAppSecret,
			FakeTwitter twitter, String twitterConsumerKey, String twitterConsumerSecret) {
		return new StandInProviders(facebook, facebookAppId, facebookAppSecret, twitter, twitterConsumerKey,
				twitterConsumerSecret);
	}

	/** Starts the fake X; if that fails, stops the fake Facebook already running, so that no port is left taken. */
	private static StandInProviders withTwitter(FakeFacebook facebook, String facebookAppId, String facebookAppSecret,
			Supplier<FakeTwitter> twitter, String twitterConsumerKey, String twitterConsumerSecret) {
		try {
			return new StandInProviders(facebook, facebookAppId, facebookAppSecret, twitter.get(), twitterConsumerKey,
					twitterConsumerSecret);
		}
		catch (RuntimeException ex) {
			facebook.close();
			throw ex;
		}
	}

	public FakeFacebook facebook() {
		return this.facebook;
	}

	public FakeTwitter twitter() {
		return this.twitter;
	}

	/**
	 * Every setting that points the app at the stand-ins, by property name, in a stable order: Facebook's
	 * credentials and endpoints, then X's.
	 */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(FACEBOOK_CLIENT + "client-id", this.facebookAppId);
		properties.put(FACEBOOK_CLIENT + "client-secret", this.facebookAppSecret);
		properties.putAll(facebookEndpoints());
		properties.put(TWITTER + "consumer-key", this.twitterConsumerKey);
		properties.put(TWITTER + "consumer-secret", this.twitterConsumerSecret);
		properties.putAll(twitterEndpoints());
		return properties;
	}

	/**
	 * Only the endpoint properties, where the app finds each stand-in: for callers that give the credentials
	 * another way (the sandbox's properties file, the documented environment variables).
	 */
	public Map<String, String> endpoints() {
		Map<String, String> endpoints = new LinkedHashMap<>(facebookEndpoints());
		endpoints.putAll(twitterEndpoints());
		return endpoints;
	}

	/** The app credentials as the documented environment variables, {@code FACEBOOK_CLIENT_ID} and the others. */
	public Map<String, String> credentialVariables() {
		Map<String, String> variables = new LinkedHashMap<>();
		properties().forEach((name, value) -> {
			if (CREDENTIAL_VARIABLES.containsKey(name)) {
				variables.put(CREDENTIAL_VARIABLES.get(name), value);
			}
		});
		return variables;
	}

	/**
	 * Everything as environment variables, as on a server: the credentials as the documented variables, the
	 * endpoints in Spring Boot's relaxed-binding form (such as {@code SIGNIN_TWITTER_REQUESTTOKENURI}).
	 */
	public Map<String, String> environment() {
		Map<String, String> environment = credentialVariables();
		endpoints().forEach((name, value) -> environment.put(variableFor(name), value));
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
	 * Registers the app's two callback URLs at the stand-ins, as one does in Facebook's and X's developer settings;
	 * both compare them as exact strings.
	 * @param appBaseUri where the app is opened, such as {@code http://localhost:8080} (a trailing slash is dropped)
	 */
	public void allowCallbacksAt(String appBaseUri) {
		String root = appBaseUri.replaceAll("/+$", "");
		this.facebook.allowRedirectUri(root + "/callback/facebook");
		this.twitter.allowCallback(root + "/callback/twitter");
	}

	/** The app's name on both consent pages. */
	public void appName(String name) {
		this.facebook.appName(name);
		this.twitter.appName(name);
	}

	/** Restores both fakes' defaults, so that one pair can serve many tests (see each fake's {@code reset}). */
	public void reset() {
		this.facebook.reset();
		this.twitter.reset();
	}

	/** Stops both fakes, the second even when stopping the first fails. */
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

	private Map<String, String> facebookEndpoints() {
		Map<String, String> endpoints = new LinkedHashMap<>();
		endpoints.put(FACEBOOK_PROVIDER + "authorization-uri", this.facebook.authorizationUri());
		endpoints.put(FACEBOOK_PROVIDER + "token-uri", this.facebook.tokenUri());
		endpoints.put(FACEBOOK_PROVIDER + "user-info-uri", this.facebook.userInfoUri());
		return endpoints;
	}

	private Map<String, String> twitterEndpoints() {
		Map<String, String> endpoints = new LinkedHashMap<>();
		endpoints.put(TWITTER + "request-token-uri", this.twitter.requestTokenUri());
		endpoints.put(TWITTER + "authorize-uri", this.twitter.authorizeUri());
		endpoints.put(TWITTER + "access-token-uri", this.twitter.accessTokenUri());
		endpoints.put(TWITTER + "user-info-uri", this.twitter.userInfoUri());
		return endpoints;
	}

	/** {@code signin.twitter.request-token-uri} → {@code SIGNIN_TWITTER_REQUESTTOKENURI} */
	private static String variableFor(String property) {
		return property.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
	}

}
