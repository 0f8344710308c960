package io.github.oauthsignin.signin;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Builds the absolute URLs given to providers: where a provider sends the browser back
 * ({@code <base>/callback/<provider>}), and other addresses of this site a provider passes on to people (such as
 * Facebook's data-deletion status page). The base is {@code signin.public-url} when set; otherwise the request's
 * scheme, host and port, which Tomcat takes from a trusted proxy's {@code X-Forwarded-*} headers. No request
 * parameter ever reaches it.
 */
@Component
public class CallbackUris {

	/** The path every provider comes back to. */
	public static final String CALLBACK_PATH = "/callback/{provider}";

	private final URI publicUrl;

	CallbackUris(SignInProperties properties) {
		this.publicUrl = properties.publicUrl();
	}

	/** Where this provider sends the browser back, for a sign-in asked for by this request. */
	public URI callbackUri(HttpServletRequest request, String providerId) {
		return publicUri(request, CALLBACK_PATH, providerId);
	}

	/**
	 * The same callback URL as a template for Spring Security's OAuth 2 client registrations
	 * ({@code redirect-uri}): {@code {baseUrl}/callback/{registrationId}}, which Spring expands from the request
	 * exactly as {@link #callbackUri} does, or {@code <public-url>/callback/{registrationId}} when
	 * {@code signin.public-url} is set.
	 */
	public String redirectUriTemplate() {
		String path = CALLBACK_PATH.replace("{provider}", "{registrationId}");
		if (this.publicUrl == null) {
			return "{baseUrl}" + path;
		}
		return UriComponentsBuilder.fromUri(this.publicUrl).replaceQuery(null).fragment(null).build().toUriString()
			.replaceAll("/+$", "") + path;
	}

	/**
	 * The absolute public URL of a path of this site.
	 * @param pathTemplate the path, such as {@code /facebook/data-deletion/{code}}
	 * @param variables the values of the template's variables
	 */
	public URI publicUri(HttpServletRequest request, String pathTemplate, Object... variables) {
		UriComponentsBuilder base = (this.publicUrl != null) ? UriComponentsBuilder.fromUri(this.publicUrl)
				: ServletUriComponentsBuilder.fromContextPath(request);
		return base.replaceQuery(null).fragment(null).path(pathTemplate).buildAndExpand(variables).toUri();
	}

}
