package io.github.oauthsignin.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.oauthsignin.fake.FakeServer;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.oauth2.FakeApple;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.oauth2.Flavour;
import io.github.oauthsignin.fake.twitter.FakeTwitter;

/**
 * One fake provider as the app sees it: the running fake, the app credentials it knows, and the settings that point
 * the app at it, exactly as an operator would write them: a preset's documented environment variables (such as
 * {@code GITHUB_CLIENT_ID}) and the standard endpoint properties, or, for a provider the app has no preset for, the
 * standard {@code spring.security.oauth2.client.*} properties alone.
 * @param providerId the registration id the app knows it by, such as {@code github}
 * @param fake the running fake
 * @param credentialProperties the app credentials, as the properties they are
 * @param credentialVariables the same credentials as the documented environment variables (a preset's), or empty
 * @param settings everything else the app needs: endpoints, and for a provider without preset its name and scope
 */
public record StandIn(String providerId, FakeServer fake, Map<String, String> credentialProperties,
		Map<String, String> credentialVariables, Map<String, String> settings) implements AutoCloseable {

	private static final String REGISTRATION = "spring.security.oauth2.client.registration.";

	private static final String PROVIDER = "spring.security.oauth2.client.provider.";

	public StandIn {
		Objects.requireNonNull(providerId, "providerId");
		Objects.requireNonNull(fake, "fake");
		credentialProperties = Map.copyOf(credentialProperties);
		credentialVariables = Map.copyOf(credentialVariables);
		settings = Map.copyOf(settings);
	}

	/** The fake Facebook in auto-approve mode, on with {@code FACEBOOK_CLIENT_ID} and {@code _SECRET}. */
	public static Supplier<StandIn> facebook(String appId, String appSecret) {
		return () -> facebook(FakeFacebook.start(appId, appSecret), appId, appSecret);
	}

	/** The fake Facebook with its consent page, as in the sandbox. */
	public static Supplier<StandIn> facebookSandbox(int port, String appId, String appSecret) {
		return () -> facebook(FakeFacebook.startSandbox(port, appId, appSecret), appId, appSecret);
	}

	/** The fake X over OAuth 1.0a in auto-approve mode, on with {@code TWITTER_CONSUMER_KEY} and {@code _SECRET}. */
	public static Supplier<StandIn> twitter(String consumerKey, String consumerSecret) {
		return () -> twitter(FakeTwitter.start(consumerKey, consumerSecret), consumerKey, consumerSecret);
	}

	/** The fake X over OAuth 1.0a with its consent page, as in the sandbox. */
	public static Supplier<StandIn> twitterSandbox(int port, String consumerKey, String consumerSecret) {
		return () -> twitter(FakeTwitter.startSandbox(port, consumerKey, consumerSecret), consumerKey,
				consumerSecret);
	}

	/**
	 * A preset (GitHub, Google, X over OAuth 2.0) against the generic fake of its flavour, in auto-approve mode:
	 * the preset's two variables and its endpoints overridden by the standard properties (an OpenID Connect
	 * preset by its {@code issuer-uri} alone).
	 * @param providerId the preset's id: {@code github}, {@code google} or {@code twitter}
	 * @param variablePrefix the prefix of its variables: {@code GITHUB}, {@code GOOGLE} or {@code X}
	 */
	public static Supplier<StandIn> preset(String providerId, String variablePrefix, Flavour flavour, String clientId,
			String clientSecret) {
		return () -> preset(providerId, variablePrefix, FakeOAuth2Provider.start(flavour, clientId, clientSecret),
				clientId, clientSecret);
	}

	/** {@link #preset} with the fake's consent page, as in the sandbox. */
	public static Supplier<StandIn> presetSandbox(String providerId, String variablePrefix, Flavour flavour, int port,
			String clientId, String clientSecret) {
		return () -> preset(providerId, variablePrefix,
				FakeOAuth2Provider.startSandbox(flavour, port, clientId, clientSecret), clientId, clientSecret);
	}

	/**
	 * An OpenID Connect provider the app has no preset for, configured by the five standard properties alone:
	 * client id, secret and name, {@code scope=openid,profile,email}, and the issuer (discovery).
	 */
	public static Supplier<StandIn> openIdConnect(String providerId, String displayName, String clientId,
			String clientSecret) {
		return () -> openIdConnect(providerId, displayName,
				FakeOAuth2Provider.start(Flavour.OIDC, clientId, clientSecret), clientId, clientSecret);
	}

	/** {@link #openIdConnect} with the fake's consent page, as in the sandbox. */
	public static Supplier<StandIn> openIdConnectSandbox(String providerId, String displayName, int port,
			String clientId, String clientSecret) {
		return () -> openIdConnect(providerId, displayName,
				FakeOAuth2Provider.startSandbox(Flavour.OIDC, port, clientId, clientSecret), clientId, clientSecret);
	}

	/**
	 * A plain OAuth 2 provider the app has no preset for, configured by standard properties alone: client id,
	 * secret and name, explicit {@code authorization-uri}, {@code token-uri}, {@code user-info-uri} and
	 * {@code user-name-attribute}, plus {@code signin.providers.<id>.attributes.*} for its profile.
	 * @param attributes the profile's attribute names, such as {@code picture=avatar_url}
	 */
	public static Supplier<StandIn> plainOAuth2(String providerId, String displayName, Flavour flavour,
			String clientId, String clientSecret, Map<String, String> attributes) {
		return () -> {
			FakeOAuth2Provider fake = FakeOAuth2Provider.start(flavour, clientId, clientSecret);
			Map<String, String> settings = new LinkedHashMap<>();
			settings.put(REGISTRATION + providerId + ".client-name", displayName);
			settings.put(PROVIDER + providerId + ".authorization-uri", fake.authorizationUri());
			settings.put(PROVIDER + providerId + ".token-uri", fake.tokenUri());
			settings.put(PROVIDER + providerId + ".user-info-uri", fake.userInfoUri());
			settings.put(PROVIDER + providerId + ".user-name-attribute", "id");
			attributes.forEach((name, attribute) -> settings
				.put("signin.providers." + providerId + ".attributes." + name, attribute));
			return new StandIn(providerId, fake, oauth2Credentials(providerId, clientId, clientSecret), Map.of(),
					settings);
		};
	}

	/**
	 * Sign in with Apple against its stand-in in auto-approve mode: on with the four documented variables
	 * ({@code APPLE_CLIENT_ID}, {@code APPLE_TEAM_ID}, {@code APPLE_KEY_ID}, {@code APPLE_PRIVATE_KEY}: the stand-in's
	 * key), its issuer and revocation endpoint overridden.
	 */
	public static Supplier<StandIn> apple(String clientId, String teamId, String keyId) {
		return () -> apple(FakeApple.start(clientId, teamId, keyId), clientId, teamId, keyId);
	}

	/** {@link #apple} with the stand-in's consent page, as in the sandbox. */
	public static Supplier<StandIn> appleSandbox(int port, String clientId, String teamId, String keyId) {
		return () -> apple(FakeApple.start(port, clientId, teamId, keyId, true), clientId, teamId, keyId);
	}

	private static StandIn apple(FakeApple fake, String clientId, String teamId, String keyId) {
		Map<String, String> credentials = new LinkedHashMap<>();
		credentials.put("APPLE_CLIENT_ID", clientId);
		credentials.put("APPLE_TEAM_ID", teamId);
		credentials.put("APPLE_KEY_ID", keyId);
		credentials.put("APPLE_PRIVATE_KEY", fake.privateKeyPem());
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put(PROVIDER + "apple.issuer-uri", fake.issuer());
		settings.put("signin.providers.apple.revocation-uri", fake.issuer() + "/auth/revoke");
		return new StandIn("apple", fake, credentials, credentials, settings);
	}

	/** An OpenID Connect provider without preset, against a fake started by the caller (on a port of its choice). */
	public static StandIn openIdConnect(String providerId, String displayName, FakeOAuth2Provider fake,
			String clientId, String clientSecret) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put(REGISTRATION + providerId + ".client-name", displayName);
		settings.put(REGISTRATION + providerId + ".scope", "openid,profile,email");
		settings.put(PROVIDER + providerId + ".issuer-uri", fake.issuer());
		return new StandIn(providerId, fake, oauth2Credentials(providerId, clientId, clientSecret), Map.of(),
				settings);
	}

	private static StandIn facebook(FakeFacebook fake, String appId, String appSecret) {
		return preset("facebook", "FACEBOOK", fake, appId, appSecret);
	}

	private static StandIn preset(String providerId, String variablePrefix, FakeOAuth2Provider fake,
			String clientId, String clientSecret) {
		Map<String, String> settings = new LinkedHashMap<>();
		if (fake.flavour() == Flavour.OIDC) {
			settings.put(PROVIDER + providerId + ".issuer-uri", fake.issuer());
		}
		else {
			settings.put(PROVIDER + providerId + ".authorization-uri", fake.authorizationUri());
			settings.put(PROVIDER + providerId + ".token-uri", fake.tokenUri());
			settings.put(PROVIDER + providerId + ".user-info-uri", fake.userInfoUri());
		}
		return new StandIn(providerId, fake, oauth2Credentials(providerId, clientId, clientSecret),
				Map.of(variablePrefix + "_CLIENT_ID", clientId, variablePrefix + "_CLIENT_SECRET", clientSecret),
				settings);
	}

	private static StandIn twitter(FakeTwitter fake, String consumerKey, String consumerSecret) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("signin.twitter.request-token-uri", fake.requestTokenUri());
		settings.put("signin.twitter.authorize-uri", fake.authorizeUri());
		settings.put("signin.twitter.access-token-uri", fake.accessTokenUri());
		settings.put("signin.twitter.user-info-uri", fake.userInfoUri());
		settings.put("signin.twitter.invalidate-token-uri", fake.invalidateTokenUri());
		Map<String, String> credentials = new LinkedHashMap<>();
		credentials.put("signin.twitter.consumer-key", consumerKey);
		credentials.put("signin.twitter.consumer-secret", consumerSecret);
		return new StandIn("twitter", fake, credentials,
				Map.of("TWITTER_CONSUMER_KEY", consumerKey, "TWITTER_CONSUMER_SECRET", consumerSecret), settings);
	}

	private static Map<String, String> oauth2Credentials(String providerId, String clientId, String clientSecret) {
		Map<String, String> credentials = new LinkedHashMap<>();
		credentials.put(REGISTRATION + providerId + ".client-id", clientId);
		credentials.put(REGISTRATION + providerId + ".client-secret", clientSecret);
		return credentials;
	}

	/**
	 * Registers the app's callback URL at the fake, as one does in the provider's developer settings; every
	 * provider compares it as an exact string.
	 * @param appRoot where the app is opened, such as {@code http://localhost:8080} (no trailing slash)
	 */
	public void allowCallbacksAt(String appRoot) {
		String callback = appRoot + "/callback/" + this.providerId;
		if (this.fake instanceof FakeOAuth2Provider oauth2) {
			oauth2.allowRedirectUri(callback);
		}
		else if (this.fake instanceof FakeTwitter twitter) {
			twitter.allowCallback(callback);
		}
		else if (this.fake instanceof FakeApple apple) {
			apple.allowRedirectUri(callback);
		}
	}

	/** The app's name on the fake's consent page. */
	public void appName(String name) {
		if (this.fake instanceof FakeOAuth2Provider oauth2) {
			oauth2.appName(name);
		}
		else if (this.fake instanceof FakeTwitter twitter) {
			twitter.appName(name);
		}
	}

	/** The fake as the type it is, such as {@link FakeOAuth2Provider}. */
	public <F extends FakeServer> F fake(Class<F> type) {
		return type.cast(this.fake);
	}

	/** {@code spring.x.y-z} → {@code SPRING_X_YZ}: a property in Spring Boot's environment variable form. */
	static String variableFor(String property) {
		return property.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
	}

	@Override
	public void close() {
		this.fake.close();
	}

}
