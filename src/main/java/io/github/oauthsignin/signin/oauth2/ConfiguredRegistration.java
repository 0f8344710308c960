package io.github.oauthsignin.signin.oauth2;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.core.env.PropertyResolver;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthenticationMethod;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.util.StringUtils;

import io.github.oauthsignin.config.HttpUrls;
import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.signin.CredentialSettings.Credentials;
import io.github.oauthsignin.signin.ProviderDescriptor;

/**
 * What the configuration says about one OAuth 2 client registration, before any call to the provider: the
 * standard {@code spring.security.oauth2.client.registration.<id>.*} and {@code provider.<id>.*} properties, the
 * preset of that id (if any) with its credential variables, and the app's callback URL. It builds the
 * {@link ClientRegistration}: preset defaults first, then what the issuer's discovery document says (when
 * {@code issuer-uri} is set), then the properties, which win over both.
 * <p>
 * Spring Boot's own {@code OAuth2ClientPropertiesMapper} does the same mapping, but fetches every issuer's document
 * at start-up; this one lets {@link LazyClientRegistrationRepository} fetch it when it is first needed.
 */
final class ConfiguredRegistration {

	static final String REGISTRATION = "spring.security.oauth2.client.registration.";

	static final String PROVIDER = "spring.security.oauth2.client.provider.";

	/** What a {@code SocialId} accepts as a provider id. */
	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,14}");

	private static final Set<String> DISCOVERED_DEFAULT_SCOPES = Set.of(OidcScopes.OPENID, OidcScopes.PROFILE,
			OidcScopes.EMAIL);

	private final String id;

	private final OAuth2Preset preset;

	private final OAuth2ClientProperties.Registration registration;

	private final OAuth2ClientProperties.Provider provider;

	private final Credentials credentials;

	private final String redirectUriTemplate;

	/**
	 * @param id the registration id
	 * @param preset the preset it takes its defaults from, or null
	 * @param registration the registration's properties (empty when only the preset's variables are set)
	 * @param provider the provider's properties (possibly empty)
	 * @param environment where the preset's credential variables are read
	 * @param redirectUriTemplate the app's callback URL, unless {@code redirect-uri} says otherwise
	 * @throws InvalidSettingException when the id is not usable in a social id, or the client id or secret is
	 * missing
	 */
	ConfiguredRegistration(String id, OAuth2Preset preset, OAuth2ClientProperties.Registration registration,
			OAuth2ClientProperties.Provider provider, PropertyResolver environment, String redirectUriTemplate) {
		if (!ID.matcher(id).matches()) {
			throw new InvalidSettingException(REGISTRATION + id, "has an id that cannot name a provider: use up to "
					+ "15 lower-case letters, digits, '-' and '_'");
		}
		this.id = id;
		this.preset = preset;
		this.registration = registration;
		this.provider = provider;
		this.credentials = credentials(id, preset, registration, environment);
		this.redirectUriTemplate = redirectUriTemplate;
		if (this.provider.getIssuerUri() != null) {
			HttpUrls.require(PROVIDER + providerId() + ".issuer-uri", this.provider.getIssuerUri());
		}
	}

	private static Credentials credentials(String id, OAuth2Preset preset,
			OAuth2ClientProperties.Registration registration, PropertyResolver environment) {
		Optional<Credentials> fromPreset = (preset != null && preset.id().equals(id))
				? preset.clientCredentials().resolve(environment) : Optional.empty();
		String clientId = StringUtils.hasText(registration.getClientId()) ? registration.getClientId()
				: fromPreset.map(Credentials::id).orElse(null);
		String clientSecret = StringUtils.hasText(registration.getClientSecret()) ? registration.getClientSecret()
				: fromPreset.map(Credentials::secret).orElse(null);
		if (clientId == null) {
			throw new InvalidSettingException(REGISTRATION + id + ".client-id", "is not set");
		}
		if (preset != null && preset.mintedClientSecret().isPresent()) {
			// Apple's: made by the app for each call, never configured.
			return new Credentials(clientId, MintedClientSecret.PLACEHOLDER);
		}
		boolean publicClient = ClientAuthenticationMethod.NONE.getValue()
			.equals(registration.getClientAuthenticationMethod());
		if (clientSecret == null && !publicClient) {
			throw new InvalidSettingException(REGISTRATION + id + ".client-secret",
					"is not set (only a client with client-authentication-method=none has no secret)");
		}
		return new Credentials(clientId, (clientSecret != null) ? clientSecret : "");
	}

	String id() {
		return this.id;
	}

	/** The preset, or a plain descriptor named by {@code client-name} (or the id). */
	ProviderDescriptor descriptor() {
		if (this.preset != null) {
			return this.preset;
		}
		String name = StringUtils.hasText(this.registration.getClientName()) ? this.registration.getClientName()
				: this.id;
		return ProviderDescriptor.plain(this.id, name);
	}

	Optional<OAuth2Preset> preset() {
		return Optional.ofNullable(this.preset);
	}

	/** The issuer whose discovery document completes this registration, when {@code issuer-uri} is set. */
	Optional<String> issuer() {
		return Optional.ofNullable(this.provider.getIssuerUri());
	}

	/**
	 * For the start-up log: the protocol, and the issuer or the endpoints (never the client id or secret).
	 * @param built the registration, or null when it waits for its issuer's discovery document
	 */
	String setup(ClientRegistration built) {
		if (built == null) {
			return "OpenID Connect, issuer " + this.provider.getIssuerUri()
					+ " (its discovery document is fetched at the first sign-in)";
		}
		ClientRegistration.ProviderDetails details = built.getProviderDetails();
		boolean openId = built.getScopes() != null && built.getScopes().contains(OidcScopes.OPENID);
		String userInfo = details.getUserInfoEndpoint().getUri();
		return (openId ? "OpenID Connect" : "OAuth 2") + ", authorization " + details.getAuthorizationUri()
				+ ", token " + details.getTokenUri() + ((userInfo != null) ? ", user info " + userInfo : "")
				+ (openId ? ", issuer " + details.getIssuerUri() + ", keys " + details.getJwkSetUri() : "");
	}

	/**
	 * Builds the registration.
	 * @param discovered the issuer's discovery document when {@link #issuer()} is set, otherwise null
	 * @throws InvalidSettingException when it lacks what a sign-in needs
	 */
	ClientRegistration build(Map<String, Object> discovered) {
		ClientRegistration.Builder builder = (this.preset != null) ? this.preset.registration(this.id)
				: ClientRegistration.withRegistrationId(this.id)
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		builder.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(this.redirectUriTemplate)
			.clientName(descriptor().displayName());
		if (discovered != null) {
			applyDiscovered(builder, discovered);
		}
		applyProperties(builder);
		builder.clientId(this.credentials.id())
			.clientSecret(this.credentials.secret())
			.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build());
		ClientRegistration built;
		try {
			built = builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(REGISTRATION + this.id, "is incomplete: " + ex.getMessage());
		}
		check(built);
		return built;
	}

	private void applyDiscovered(ClientRegistration.Builder builder, Map<String, Object> configuration) {
		ClientRegistration found = ClientRegistrations.fromOidcConfiguration(configuration)
			.registrationId(this.id)
			.clientId(this.credentials.id())
			.build();
		ClientRegistration.ProviderDetails details = found.getProviderDetails();
		builder.authorizationUri(details.getAuthorizationUri())
			.tokenUri(details.getTokenUri())
			.jwkSetUri(details.getJwkSetUri())
			.issuerUri(details.getIssuerUri())
			.providerConfigurationMetadata(details.getConfigurationMetadata());
		if (StringUtils.hasText(details.getUserInfoEndpoint().getUri())) {
			builder.userInfoUri(details.getUserInfoEndpoint().getUri());
		}
		if (this.preset == null) {
			builder.userNameAttributeName(details.getUserInfoEndpoint().getUserNameAttributeName())
				.clientAuthenticationMethod(found.getClientAuthenticationMethod())
				.scope(DISCOVERED_DEFAULT_SCOPES);
		}
	}

	private void applyProperties(ClientRegistration.Builder builder) {
		PropertyMapper map = PropertyMapper.get();
		map.from(this.provider::getAuthorizationUri).to(builder::authorizationUri);
		map.from(this.provider::getTokenUri).to(builder::tokenUri);
		map.from(this.provider::getUserInfoUri).to(builder::userInfoUri);
		map.from(this.provider::getUserInfoAuthenticationMethod)
			.as(AuthenticationMethod::new)
			.to(builder::userInfoAuthenticationMethod);
		map.from(this.provider::getJwkSetUri).to(builder::jwkSetUri);
		map.from(this.provider::getUserNameAttribute).to(builder::userNameAttributeName);
		map.from(this.registration::getClientAuthenticationMethod)
			.as(ClientAuthenticationMethod::new)
			.to(builder::clientAuthenticationMethod);
		map.from(this.registration::getRedirectUri).to(builder::redirectUri);
		map.from(this.registration::getScope).to(builder::scope);
		map.from(this.registration::getClientName).to(builder::clientName);
	}

	/** What a sign-in needs: absolute endpoints, an id for the person, and for OpenID Connect the issuer and keys. */
	private void check(ClientRegistration built) {
		String prefix = PROVIDER + providerId() + ".";
		ClientRegistration.ProviderDetails details = built.getProviderDetails();
		HttpUrls.require(prefix + "authorization-uri", details.getAuthorizationUri());
		HttpUrls.require(prefix + "token-uri", details.getTokenUri());
		if (built.getScopes() != null && built.getScopes().contains(OidcScopes.OPENID)) {
			// Without the issuer Spring's ID token validator skips the iss check; without keys nothing is verified.
			HttpUrls.require(prefix + "issuer-uri", details.getIssuerUri());
			HttpUrls.require(prefix + "jwk-set-uri", details.getJwkSetUri());
			if (details.getUserInfoEndpoint().getUri() != null) {
				HttpUrls.require(prefix + "user-info-uri", details.getUserInfoEndpoint().getUri());
			}
		}
		else {
			HttpUrls.require(prefix + "user-info-uri", details.getUserInfoEndpoint().getUri());
			if (!StringUtils.hasText(details.getUserInfoEndpoint().getUserNameAttributeName())) {
				throw new InvalidSettingException(prefix + "user-name-attribute",
						"is not set: name the attribute of the provider's user-info answer that holds the "
								+ "person's stable id (such as id or sub)");
			}
		}
	}

	/** The id of the {@code provider.<id>} properties: the registration's {@code provider}, or its own id. */
	private String providerId() {
		return (this.registration.getProvider() != null) ? this.registration.getProvider() : this.id;
	}

	/** Whether this registration signs people in with the authorization code flow (any other is not served). */
	static boolean isAuthorizationCode(OAuth2ClientProperties.Registration registration) {
		return registration.getAuthorizationGrantType() == null || AuthorizationGrantType.AUTHORIZATION_CODE
			.getValue()
			.equals(registration.getAuthorizationGrantType());
	}

}
