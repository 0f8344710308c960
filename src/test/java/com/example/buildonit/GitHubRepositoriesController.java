package com.example.buildonit;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver.clientRegistrationId;

/**
 * Application code built on the sign-in app: calls GitHub as the signed-in person, with the token the app kept for
 * them ({@code signin.providers.github.keep-tokens=true}), the two ways Spring Security offers.
 * <ul>
 * <li>{@code GET /example/github/repositories}: the controller asks for the person's GitHub client with
 * {@code @RegisteredOAuth2AuthorizedClient("github")} and calls {@code /user/repos} with its access token;</li>
 * <li>{@code GET /example/github/login}: a {@code RestClient} with {@code OAuth2ClientHttpRequestInterceptor} adds the
 * token by itself to every request marked with {@code clientRegistrationId("github")}.</li>
 * </ul>
 * Either way Spring Security's {@code OAuth2AuthorizedClientManager} loads the token (decrypted) from the app's
 * {@code OAuth2AuthorizedClientService}, and refreshes it first if it expired and the provider gave a refresh token.
 * When nothing is kept for the person, the app sends them to their account page with a message. The calls go through
 * Spring Boot's {@code RestClient.Builder}, with the app's time limits.
 * <p>
 * Real code, exercised by {@code GitHubAsThePersonTests} against the GitHub stand-in (the whole app, a real sign-in)
 * and by {@code GitHubRepositoriesControllerTests} in a slice; in an application it would live under
 * {@code src/main/java}, in a package component scanning finds (or be imported). docs/BUILD-ON-IT.md quotes it.
 */
@RestController
public class GitHubRepositoriesController {

	private final RestClient github;

	private final RestClient githubAsThePerson;

	public GitHubRepositoriesController(RestClient.Builder http, OAuth2AuthorizedClientManager authorizedClients,
			@Value("${example.github.api:https://api.github.com}") String api) {
		this.github = http.clone().baseUrl(api).build();
		this.githubAsThePerson = http.clone()
			.baseUrl(api)
			.requestInterceptor(new OAuth2ClientHttpRequestInterceptor(authorizedClients))
			.build();
	}

	/** The names of the person's repositories, with the client Spring resolves for the parameter. */
	@GetMapping("/example/github/repositories")
	List<String> repositories(@RegisteredOAuth2AuthorizedClient("github") OAuth2AuthorizedClient github) {
		List<Map<String, Object>> repositories = this.github.get()
			.uri("/user/repos")
			.headers((headers) -> headers.setBearerAuth(github.getAccessToken().getTokenValue()))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		return repositories.stream().map((repository) -> String.valueOf(repository.get("full_name"))).toList();
	}

	/** The person's GitHub login, with the interceptor adding the token. */
	@GetMapping("/example/github/login")
	Map<String, Object> login() {
		Map<String, Object> user = this.githubAsThePerson.get()
			.uri("/user")
			.attributes(clientRegistrationId("github"))
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		return Map.of("login", user.get("login"));
	}

}
