package io.github.oauthsignin.signin.oauth2;

import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.signin.LogSanitizer;

/**
 * Fetches an OpenID Connect issuer's discovery document, {@code <issuer>/.well-known/openid-configuration} (OIDC
 * Discovery 4), with the app's HTTP client and its short time limits, and checks that it names the configured issuer
 * exactly (section 4.3): a document that names another issuer is not used.
 * <p>
 * Spring's {@code ClientRegistrations.fromIssuerLocation} does the same fetch, but on a static client with 30 s time
 * limits, and Spring Boot calls it for every {@code issuer-uri} at start-up, so that an issuer that is down stops
 * the app. Here it happens when a person first signs in with that provider.
 */
class IssuerDiscovery {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	IssuerDiscovery(RestClient http) {
		this.http = http;
	}

	/**
	 * The discovery document of this issuer.
	 * @throws IssuerUnavailableException when it cannot be fetched
	 * @throws IssuerMisconfiguredException when it is not there (4xx) or names another issuer
	 */
	Map<String, Object> configuration(String issuer) {
		String location = UriComponentsBuilder.fromUriString(issuer.replaceAll("/+$", ""))
			.path("/.well-known/openid-configuration")
			.build()
			.toUriString();
		Map<String, Object> configuration;
		try {
			configuration = this.http.get().uri(location).accept(MediaType.APPLICATION_JSON).retrieve().body(JSON_OBJECT);
		}
		catch (HttpClientErrorException ex) {
			throw new IssuerMisconfiguredException("the discovery document at " + location + " is not there ("
					+ LogSanitizer.describe(ex) + "): check issuer-uri '" + issuer + "'", ex);
		}
		catch (RestClientException ex) {
			throw new IssuerUnavailableException(
					"discovery at " + location + " failed: " + LogSanitizer.describe(ex), ex);
		}
		if (configuration == null) {
			throw new IssuerUnavailableException("discovery at " + location + " answered nothing", null);
		}
		Object named = configuration.get("issuer");
		if (!issuer.equals(named)) {
			throw new IssuerMisconfiguredException("the configured issuer-uri is '" + issuer
					+ "', but the discovery document at " + location + " names the issuer '" + named
					+ "': set issuer-uri to exactly what the issuer names itself", null);
		}
		return configuration;
	}

}
