package com.example.buildonit;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.signin.StubSignInProvider;

/**
 * For slices of example code that calls a provider as the person: the {@code RestClient.Builder} every client of the
 * code is built from, bound to a {@link MockRestServiceServer} that stands in for the providers' APIs, and GitHub and
 * Google as configured providers (their names in messages).
 */
@TestConfiguration(proxyBeanMethods = false)
class ProviderApiSlice {

	private final RestClient.Builder http = RestClient.builder();

	private final MockRestServiceServer api = MockRestServiceServer.bindTo(this.http).build();

	@Bean
	RestClient.Builder restClientBuilder() {
		return this.http;
	}

	@Bean
	MockRestServiceServer providerApi() {
		return this.api;
	}

	@Bean
	SignInProvider github() {
		return new StubSignInProvider("github", "GitHub");
	}

	@Bean
	SignInProvider google() {
		return new StubSignInProvider("google", "Google");
	}

	/**
	 * What the app keeps for the person the request is authorized for: an access token named after their account id
	 * ({@code token-of-41}), of a registration whose UserInfo endpoint is {@code https://<id>.test/userinfo}.
	 */
	static OAuth2AuthorizedClient kept(OAuth2AuthorizeRequest request) {
		String id = request.getClientRegistrationId();
		ClientRegistration registration = ClientRegistration.withRegistrationId(id)
			.clientId(id + "-client")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/callback/" + id)
			.authorizationUri("https://" + id + ".test/authorize")
			.tokenUri("https://" + id + ".test/token")
			.userInfoUri("https://" + id + ".test/userinfo")
			.build();
		OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
				"token-of-" + request.getPrincipal().getName(), Instant.now(), Instant.now().plusSeconds(3600));
		return new OAuth2AuthorizedClient(registration, request.getPrincipal().getName(), token);
	}

}
