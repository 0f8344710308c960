package com.example.buildonit;

import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * Application code that reads the person's Google profile with the token kept for them
 * ({@code signin.providers.google.keep-tokens=true}, which also asks Google for a refresh token): once the access
 * token has expired, Spring Security's {@code OAuth2AuthorizedClientManager} refreshes it before handing it over, and
 * the new one is kept (encrypted) in its place. Nothing here deals with expiry.
 */
@RestController
public class GoogleProfileController {

	private final RestClient http;

	public GoogleProfileController(RestClient.Builder http) {
		this.http = http.build();
	}

	/** The person's name, from Google's UserInfo endpoint. */
	@GetMapping("/example/google/name")
	Map<String, Object> name(@RegisteredOAuth2AuthorizedClient("google") OAuth2AuthorizedClient google) {
		Map<String, Object> profile = this.http.get()
			.uri(google.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUri())
			.headers((headers) -> headers.setBearerAuth(google.getAccessToken().getTokenValue()))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		return Map.of("name", profile.get("name"));
	}

}
