package io.github.oauthsignin.providers.apple;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import io.github.oauthsignin.signin.CredentialSettings;
import io.github.oauthsignin.signin.SignInProperties;
import io.github.oauthsignin.signin.oauth2.MintedClientSecret;
import io.github.oauthsignin.signin.oauth2.OAuth2Preset;
import io.github.oauthsignin.signin.oauth2.ProfileMapper;
import io.github.oauthsignin.signin.oauth2.Rfc7009TokenRevocation;
import io.github.oauthsignin.signin.oauth2.TokenRevocation;
import io.github.oauthsignin.user.IdentityRepository;

/**
 * Sign in with Apple: OpenID Connect with the issuer {@code https://appleid.apple.com}, and where Apple differs:
 * <ul>
 * <li>the answer comes back by a cross-site POST ({@code response_mode=form_post}), which the callback turns into a
 * GET of the same app ({@code FormPostCallbacks}), so that the browser's {@code SameSite=Lax} cookies come with it;
 * the POST is exempt from the cross-site check and from CSRF, and protected by {@code state};</li>
 * <li>the client secret is a JWT the app signs with the team's key ({@link AppleClientSecret});</li>
 * <li>no UserInfo: the id and email come from the ID token, the name from the callback's {@code user} field on the
 * first consent ({@link AppleProfileMapper});</li>
 * <li>the authorization request asks for the scope {@code name email} (the registration also holds {@code openid},
 * so that Spring validates the ID token Apple always sends);</li>
 * <li>tokens are revoked at {@code signin.providers.apple.revocation-uri} with the client secret JWT;</li>
 * <li>Apple's server-to-server notifications arrive at {@value #NOTIFICATIONS_PATH}
 * ({@code AppleNotificationsController}).</li>
 * </ul>
 * On with four variables ({@link AppleSettings}).
 */
@Component
@Order(5)
class ApplePreset implements OAuth2Preset {

	static final String ID = "apple";

	static final String ISSUER = "https://appleid.apple.com";

	static final String NOTIFICATIONS_PATH = "/apple/notifications";

	/** The scope the authorization request sends, as Apple documents it. */
	static final String SCOPE = "name email";

	private static final CredentialSettings CREDENTIALS = new CredentialSettings(AppleSettings.CLIENT_ID,
			AppleSettings.PRIVATE_KEY, AppleSettings.CLIENT_ID_PROPERTY,
			"spring.security.oauth2.client.registration.apple.client-secret");

	private static final Logger logger = LoggerFactory.getLogger(ApplePreset.class);

	private final AppleProperties properties;

	private final Optional<AppleClientSecret> clientSecret;

	private final ProfileMapper profile;

	ApplePreset(Environment environment, AppleProperties properties, SignInProperties signIn,
			IdentityRepository identities, Clock clock) {
		this.properties = properties;
		this.clientSecret = AppleSettings.from(environment)
			.map((settings) -> new AppleClientSecret(settings.teamId(), settings.keyId(), settings.clientId(),
					AppleClientSecret.privateKey(settings.privateKeyPem()), clock));
		this.profile = new AppleProfileMapper(identities);
		if (this.clientSecret.isPresent() && !signIn.keepsTokens(ID)) {
			logger.warn("Sign in with Apple keeps no token (signin.providers.apple.keep-tokens is off), so deleting an "
					+ "account revokes nothing at Apple, as Apple asks: set it with SIGNIN_TOKENS_KEY (DEPLOY, "
					+ "\"Sign in with Apple\")");
		}
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String displayName() {
		return "Apple";
	}

	@Override
	public Optional<String> brand() {
		return Optional.of("apple");
	}

	@Override
	public List<CredentialSettings> credentials() {
		return List.of(CREDENTIALS);
	}

	@Override
	public boolean answersByFormPost() {
		return true;
	}

	@Override
	public List<String> serverToServerPosts() {
		return List.of("/callback/" + ID, NOTIFICATIONS_PATH);
	}

	@Override
	public ClientRegistration.Builder registration(String registrationId) {
		return ClientRegistration.withRegistrationId(registrationId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.scope("openid", "name", "email")
			.authorizationUri(ISSUER + "/auth/authorize")
			.tokenUri(ISSUER + "/auth/token")
			.jwkSetUri(ISSUER + "/auth/keys")
			.issuerUri(ISSUER)
			.userNameAttributeName(IdTokenClaimNames.SUB);
	}

	/** {@code response_mode=form_post}, which Apple requires when names or emails are asked for; scope as Apple's. */
	@Override
	public void customize(OAuth2AuthorizationRequest.Builder request) {
		request.additionalParameters((parameters) -> parameters.put("response_mode", "form_post"))
			.authorizationRequestUri((uri) -> uri.replaceQueryParam(OAuth2ParameterNames.SCOPE, "name%20email").build());
	}

	@Override
	public Optional<MintedClientSecret> mintedClientSecret() {
		return this.clientSecret.map(MintedClientSecret.class::cast);
	}

	@Override
	public ProfileMapper profileMapper() {
		return this.profile;
	}

	/** RFC 7009's form at Apple's {@code /auth/revoke}, the client authenticated by the client secret JWT. */
	@Override
	public TokenRevocation tokenRevocation(RestClient http) {
		return new Rfc7009TokenRevocation(http, (registration) -> this.properties.revocationUri(),
				(registration) -> this.clientSecret.map(AppleClientSecret::current)
					.orElse(registration.getClientSecret()));
	}

}
