package io.github.oauthsignin.signin;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Builds the absolute URL a provider sends the browser back to: {@code <base>/callback/<provider>}. The base is
 * {@code signin.public-url} when set; otherwise the request's scheme, host and port, which Tomcat takes from a
 * trusted proxy's {@code X-Forwarded-*} headers. No request parameter ever reaches it.
 */
@Component
class CallbackUris {

	private final URI publicUrl;

	CallbackUris(SignInProperties properties) {
		this.publicUrl = properties.publicUrl();
	}

	URI callbackUri(HttpServletRequest request, String providerId) {
		UriComponentsBuilder base = (this.publicUrl != null) ? UriComponentsBuilder.fromUri(this.publicUrl)
				: ServletUriComponentsBuilder.fromContextPath(request);
		return base.replaceQuery(null).fragment(null).path("/callback/{provider}").buildAndExpand(providerId).toUri();
	}

}
