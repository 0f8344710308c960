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

	private final URI publicUrl;

	CallbackUris(SignInProperties properties) {
		this.publicUrl = properties.publicUrl();
	}

	URI callbackUri(HttpServletRequest request, String providerId) {
		return publicUri(request, "/callback/{provider}", providerId);
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
