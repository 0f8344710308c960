package io.github.oauthsignin.signin.oauth1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;

import io.github.oauthsignin.signin.ProviderCredentials;

/**
 * Signs every request of a {@code RestClient} as the signed-in person over OAuth 1.0a (X over OAuth 1.0a): the app's
 * consumer key and the person's kept access token ({@link OAuth1AuthorizedClientService}), RFC 5849 HMAC-SHA1, query
 * and form parameters included. The OAuth 1.0a counterpart of Spring Security's
 * {@code OAuth2ClientHttpRequestInterceptor}; get one from {@link OAuth1SignInProvider#requestInterceptor}. When
 * nothing is kept for the person it throws Spring Security's {@link ClientAuthorizationRequiredException}, as the
 * OAuth 2 one does.
 */
public final class OAuth1ClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final String providerId;

	private final OAuth1Signer signer;

	private final OAuth1AuthorizedClientService authorizedClients;

	OAuth1ClientHttpRequestInterceptor(String providerId, OAuth1Signer signer,
			OAuth1AuthorizedClientService authorizedClients) {
		this.providerId = providerId;
		this.signer = signer;
		this.authorizedClients = authorizedClients;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		Authentication principal = SecurityContextHolder.getContext().getAuthentication();
		OAuth1AuthorizedClient client = (principal != null)
				? this.authorizedClients.loadAuthorizedClient(this.providerId, principal.getName()) : null;
		if (client == null) {
			throw new ClientAuthorizationRequiredException(this.providerId);
		}
		ProviderCredentials.OAuth1 token = client.accessToken();
		List<OAuth1Signer.Parameter> form = MediaType.APPLICATION_FORM_URLENCODED
			.isCompatibleWith(request.getHeaders().getContentType())
				? OAuth1Signer.formParameters(new String(body, StandardCharsets.UTF_8)) : List.of();
		request.getHeaders()
			.set(HttpHeaders.AUTHORIZATION, this.signer.authorizationHeader(request.getMethod().name(),
					request.getURI(), form, new OAuth1Signer.Token(token.token(), token.secret()), Map.of()));
		return execution.execute(request, body);
	}

}
