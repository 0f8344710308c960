package io.github.oauthsignin.signin.oauth2;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import io.github.oauthsignin.config.HttpUrls;
import io.github.oauthsignin.signin.LogSanitizer;
import io.github.oauthsignin.signin.SignInFailedException;

/**
 * OAuth 2.0 Token Revocation (RFC 7009): a form post of the token to the provider's revocation endpoint, the client
 * authenticated as at the token endpoint. The refresh token is revoked when there is one (which, by RFC 7009 2.1,
 * takes the access tokens of its grant with it), the access token otherwise.
 */
public final class Rfc7009TokenRevocation implements TokenRevocation {

	private final RestClient http;

	private final Function<ClientRegistration, URI> endpoint;

	private final Function<ClientRegistration, String> clientSecret;

	/**
	 * @param http the HTTP client for calls to providers (Spring Boot's, with its limits)
	 * @param endpoint the revocation endpoint of a registration, or null when it has none
	 */
	public Rfc7009TokenRevocation(RestClient http, Function<ClientRegistration, URI> endpoint) {
		this(http, endpoint, ClientRegistration::getClientSecret);
	}

	/**
	 * @param clientSecret the client secret to authenticate with: a minted one ({@link MintedClientSecret}, Apple's)
	 * in place of the registration's
	 */
	public Rfc7009TokenRevocation(RestClient http, Function<ClientRegistration, URI> endpoint,
			Function<ClientRegistration, String> clientSecret) {
		this.http = http;
		this.endpoint = endpoint;
		this.clientSecret = clientSecret;
	}

	/** At the {@code revocation_endpoint} of the provider's discovery document, when it names one (Google's does). */
	public static Rfc7009TokenRevocation fromDiscovery(RestClient http) {
		return new Rfc7009TokenRevocation(http, (registration) -> HttpUrls.parseAbsolute(String.valueOf(
				registration.getProviderDetails().getConfigurationMetadata().get("revocation_endpoint"))));
	}

	@Override
	public boolean revoke(ClientRegistration registration, OAuth2AccessToken accessToken,
			OAuth2RefreshToken refreshToken) {
		URI uri = this.endpoint.apply(registration);
		if (uri == null) {
			return false;
		}
		StringBuilder form = new StringBuilder();
		formField(form, "token", (refreshToken != null) ? refreshToken.getTokenValue() : accessToken.getTokenValue());
		formField(form, "token_type_hint", (refreshToken != null) ? "refresh_token" : "access_token");
		HttpHeaders headers = new HttpHeaders();
		ClientAuthenticationMethod method = registration.getClientAuthenticationMethod();
		String secret = this.clientSecret.apply(registration);
		if (ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)) {
			headers.setBasicAuth(basicCredentials(registration.getClientId(), secret));
		}
		else {
			formField(form, "client_id", registration.getClientId());
			if (ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method)) {
				formField(form, "client_secret", secret);
			}
		}
		String provider = registration.getRegistrationId();
		try {
			int status = this.http.post()
				.uri(uri)
				.headers((request) -> request.addAll(headers))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form.toString())
				.exchange((request, response) -> response.getStatusCode().value());
			if (status != 200) {
				throw new SignInFailedException(provider, "the revocation endpoint answered " + status);
			}
			return true;
		}
		catch (RestClientException ex) {
			throw new SignInFailedException(provider, "the revocation failed: " + LogSanitizer.describe(ex), ex);
		}
	}

	/**
	 * RFC 6749 2.3.1: the client id and secret, each form-encoded, joined by a colon, then Base64: what
	 * {@code Authorization: Basic} carries.
	 */
	public static String basicCredentials(ClientRegistration registration) {
		return basicCredentials(registration.getClientId(), registration.getClientSecret());
	}

	private static String basicCredentials(String clientId, String clientSecret) {
		String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
		return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	private static void formField(StringBuilder form, String name, String value) {
		if (!form.isEmpty()) {
			form.append('&');
		}
		form.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
	}

}
