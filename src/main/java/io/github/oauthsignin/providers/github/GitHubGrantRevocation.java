package io.github.oauthsignin.providers.github;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.signin.LogSanitizer;
import io.github.oauthsignin.signin.SignInFailedException;
import io.github.oauthsignin.signin.oauth2.Rfc7009TokenRevocation;
import io.github.oauthsignin.signin.oauth2.TokenRevocation;

/**
 * GitHub has no RFC 7009 endpoint; an OAuth app gives a person's authorization back with its grant API,
 * {@code DELETE /applications/{client_id}/grant} with the token in a JSON body, authenticated by the app's client id
 * and secret (HTTP Basic). That revokes every token of this app for the person, as "Revoke access" in their GitHub
 * settings does. The API's address is the one the profile is read at ({@code https://api.github.com/user}), so
 * that overriding {@code user-info-uri} moves both.
 */
final class GitHubGrantRevocation implements TokenRevocation {

	private final RestClient http;

	GitHubGrantRevocation(RestClient http) {
		this.http = http;
	}

	@Override
	public boolean revoke(ClientRegistration registration, OAuth2AccessToken accessToken,
			OAuth2RefreshToken refreshToken) {
		String profile = registration.getProviderDetails().getUserInfoEndpoint().getUri();
		URI grant = UriComponentsBuilder.fromUriString(profile.substring(0, profile.lastIndexOf('/')))
			.path("/applications/{clientId}/grant")
			.buildAndExpand(registration.getClientId())
			.encode()
			.toUri();
		try {
			int status = this.http.method(HttpMethod.DELETE)
				.uri(grant)
				.header("Authorization", "Basic " + Rfc7009TokenRevocation.basicCredentials(registration))
				.header("X-GitHub-Api-Version", "2022-11-28")
				.accept(MediaType.parseMediaType("application/vnd.github+json"))
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("access_token", accessToken.getTokenValue()))
				.exchange((request, response) -> response.getStatusCode().value());
			if (status != 204) {
				throw new SignInFailedException(registration.getRegistrationId(),
						"the grant API answered " + status);
			}
			return true;
		}
		catch (RestClientException ex) {
			throw new SignInFailedException(registration.getRegistrationId(),
					"the grant API failed: " + LogSanitizer.describe(ex), ex);
		}
	}

}
