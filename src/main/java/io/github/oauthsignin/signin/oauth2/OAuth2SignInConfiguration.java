package io.github.oauthsignin.signin.oauth2;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationProvider;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import io.github.oauthsignin.config.InvalidSettingException;
import io.github.oauthsignin.signin.CallbackUris;
import io.github.oauthsignin.signin.SignInMetrics;
import io.github.oauthsignin.signin.SignInMetrics.Step;
import io.github.oauthsignin.signin.SignInProperties;
import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.signin.SignInProviderSource;
import io.github.oauthsignin.signin.oauth2.OAuth2SignInProvider.OAuth2Login;

/**
 * Every authorization-code client registration becomes a sign-in provider: the ones under
 * {@code spring.security.oauth2.client.registration.<id>}, and each preset whose two environment variables are
 * set. The HTTP calls go through Spring Boot's client, with {@code spring.http.clients.*} time limits.
 */
@Configuration(proxyBeanMethods = false)
class OAuth2SignInConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(OAuth2SignInConfiguration.class);

	/** 256 random bits, URL-safe without padding (Spring's resolver pads its own). */
	private static final StringKeyGenerator STATES = new Base64StringKeyGenerator(
			Base64.getUrlEncoder().withoutPadding(), 32);

	/** Replaces Spring Boot's repository, which would fetch every issuer's discovery document at start-up. */
	@Bean
	LazyClientRegistrationRepository clientRegistrationRepository(Environment environment, List<OAuth2Preset> presets,
			CallbackUris callbackUris, RestClient.Builder http) {
		OAuth2ClientProperties properties = Binder.get(environment)
			.bindOrCreate("spring.security.oauth2.client", OAuth2ClientProperties.class);
		Map<String, OAuth2Preset> presetsById = presets.stream()
			.collect(Collectors.toMap(OAuth2Preset::id, Function.identity()));
		Set<String> ids = new LinkedHashSet<>();
		presets.stream()
			.filter((preset) -> preset.clientCredentials().isSet(environment))
			.forEach((preset) -> ids.add(preset.id()));
		ids.addAll(properties.getRegistration().keySet());
		List<ConfiguredRegistration> configured = new ArrayList<>();
		for (String id : ids) {
			OAuth2ClientProperties.Registration registration = properties.getRegistration()
				.getOrDefault(id, new OAuth2ClientProperties.Registration());
			if (!ConfiguredRegistration.isAuthorizationCode(registration)) {
				logger.info("Client registration {} is not used for sign-in: its grant type is {}", id,
						registration.getAuthorizationGrantType());
				continue;
			}
			String providerId = (registration.getProvider() != null) ? registration.getProvider() : id;
			OAuth2Preset preset = presetsById.get(providerId);
			if (registration.getProvider() != null && preset == null
					&& !properties.getProvider().containsKey(providerId)) {
				throw new InvalidSettingException(ConfiguredRegistration.REGISTRATION + id + ".provider",
						"names no preset and no spring.security.oauth2.client.provider." + providerId);
			}
			configured.add(new ConfiguredRegistration(id, preset, registration,
					properties.getProvider().getOrDefault(providerId, new OAuth2ClientProperties.Provider()),
					environment, callbackUris.redirectUriTemplate()));
		}
		HalfMadeRegistrations
			.warnings(environment, properties, configured.stream().map(ConfiguredRegistration::id).toList(),
					presetsById.keySet())
			.forEach(logger::warn);
		return new LazyClientRegistrationRepository(configured, new IssuerDiscovery(http.build()));
	}

	@Bean
	SignInProviderSource oauth2SignInProviders(LazyClientRegistrationRepository registrations,
			SignInProperties properties, RestClient.Builder http, ClientHttpRequestFactory requestFactory,
			SignInMetrics metrics) {
		DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, "/authorize");
		Map<String, Map<String, Object>> keptTokensParameters = keptTokensParameters(registrations, properties);
		Map<String, OAuth2Preset> presets = new HashMap<>();
		registrations.configured()
			.forEach((registration) -> registration.preset().ifPresent((preset) -> presets.put(registration.id(), preset)));
		requests.setAuthorizationRequestCustomizer((request) -> {
			request.state(STATES.generateKey());
			request.attributes((attributes) -> {
				Object registrationId = attributes.get(OAuth2ParameterNames.REGISTRATION_ID);
				if (keptTokensParameters.containsKey(registrationId)) {
					request.additionalParameters(
							(parameters) -> parameters.putAll(keptTokensParameters.get(registrationId)));
				}
				OAuth2Preset preset = presets.get(registrationId);
				if (preset != null) {
					preset.customize(request);
				}
			});
		});
		RestClient revocations = http.clone().build();
		OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> untimedTokens = tokenClient(http,
				mintedClientSecrets(registrations));
		OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokens = (request) -> metrics.timeCall(
				request.getClientRegistration().getRegistrationId(), Step.TOKEN,
				() -> untimedTokens.getTokenResponse(request));
		RestTemplate userInfo = new RestTemplate(requestFactory);
		userInfo.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
		IdTokenDecoders idTokens = new IdTokenDecoders(new RestTemplate(requestFactory));
		ProfileMapper standardClaims = new StandardClaimsProfileMapper();
		List<SignInProvider> providers = registrations.configured().stream().map((registration) -> {
			OAuth2UserService<OAuth2UserRequest, OAuth2User> untimedUsers = registration.preset()
				.map((preset) -> preset.userService(userInfo))
				.orElseGet(() -> OAuth2Preset.standardUserService(userInfo));
			OAuth2UserService<OAuth2UserRequest, OAuth2User> users = (request) -> metrics.timeCall(registration.id(),
					Step.PROFILE, () -> untimedUsers.loadUser(request));
			OidcUserService oidcUsers = new OidcUserService();
			oidcUsers.setOauth2UserService(users);
			OidcAuthorizationCodeAuthenticationProvider openIdConnect = new OidcAuthorizationCodeAuthenticationProvider(
					tokens, oidcUsers);
			openIdConnect.setJwtDecoderFactory(idTokens);
			ProfileMapper attributes = new AttributesProfileMapper(properties.attributesOf(registration.id()));
			ProfileMapper mapper = registration.preset()
				.map(OAuth2Preset::profileMapper)
				.orElse((provider, user) -> ((user instanceof OidcUser) ? standardClaims : attributes)
					.toProfile(provider, user));
			String setup = registration
				.setup(registration.issuer().isPresent() ? null : registrations.findByRegistrationId(registration.id()));
			TokenRevocation revocation = registration.preset()
				.map((preset) -> preset.tokenRevocation(revocations))
				.orElseGet(() -> Rfc7009TokenRevocation.fromDiscovery(revocations));
			return (SignInProvider) new OAuth2SignInProvider(registration.descriptor(), setup, registrations, requests,
					new OAuth2Login(new OAuth2LoginAuthenticationProvider(tokens, users), openIdConnect), mapper,
					revocation);
		}).toList();
		return () -> providers;
	}

	/** Spring's token client on Spring Boot's HTTP client: its own converters and error handler, our time limits. */
	private static OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient(
			RestClient.Builder http, Map<String, MintedClientSecret> mintedSecrets) {
		RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(tokenEndpointClient(http));
		client.setParametersConverter(new MintedClientSecretParameters<>(mintedSecrets));
		return client;
	}

	/** The client secrets the app makes itself (Apple's), by registration id. */
	private static Map<String, MintedClientSecret> mintedClientSecrets(LazyClientRegistrationRepository registrations) {
		Map<String, MintedClientSecret> minted = new HashMap<>();
		registrations.configured()
			.forEach((registration) -> registration.preset()
				.flatMap(OAuth2Preset::mintedClientSecret)
				.ifPresent((secret) -> minted.put(registration.id(), secret)));
		return minted;
	}

	/**
	 * Spring's refresh-token client on Spring Boot's HTTP client, which Spring Security's own
	 * {@code OAuth2AuthorizedClientManager} takes for refreshing kept tokens (Google's, X's) when they expire.
	 */
	@Bean
	OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshTokenResponseClient(
			RestClient.Builder http, LazyClientRegistrationRepository registrations) {
		RestClientRefreshTokenTokenResponseClient client = new RestClientRefreshTokenTokenResponseClient();
		client.setRestClient(tokenEndpointClient(http));
		client.setParametersConverter(new MintedClientSecretParameters<>(mintedClientSecrets(registrations)));
		return client;
	}

	/**
	 * A client for token endpoints on Spring Boot's HTTP client (its time limits): what Spring Security's token
	 * response clients need, its form and token-response converters and its OAuth 2 error handler.
	 */
	private static RestClient tokenEndpointClient(RestClient.Builder http) {
		return http
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

	/** By registration id, what the authorization request adds while the app keeps its tokens (Google: offline). */
	private static Map<String, Map<String, Object>> keptTokensParameters(LazyClientRegistrationRepository registrations,
			SignInProperties properties) {
		Map<String, Map<String, Object>> parameters = new HashMap<>();
		for (ConfiguredRegistration registration : registrations.configured()) {
			if (properties.keepsTokens(registration.id())) {
				registration.preset()
					.map(OAuth2Preset::keptTokensParameters)
					.filter((added) -> !added.isEmpty())
					.ifPresent((added) -> parameters.put(registration.id(), added));
			}
		}
		return parameters;
	}

}
