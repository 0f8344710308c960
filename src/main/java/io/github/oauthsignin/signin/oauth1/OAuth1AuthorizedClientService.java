package io.github.oauthsignin.signin.oauth1;

/**
 * The kept OAuth 1.0a access tokens (X over OAuth 1.0a with {@code signin.providers.twitter.keep-tokens=true}), for
 * application code that calls the provider as the person: the counterpart of Spring Security's
 * {@code OAuth2AuthorizedClientService}, which OAuth 1.0a does not fit (its token secret signs every call, and it
 * never expires or refreshes). Sign calls with {@link OAuth1ClientHttpRequestInterceptor}.
 */
public interface OAuth1AuthorizedClientService {

	/**
	 * The person's kept access token at this provider.
	 * @param providerId the provider, such as {@code twitter}
	 * @param principalName the person, as {@code Authentication#getName()} names them
	 * @return the token, or null when none is kept
	 */
	OAuth1AuthorizedClient loadAuthorizedClient(String providerId, String principalName);

}
