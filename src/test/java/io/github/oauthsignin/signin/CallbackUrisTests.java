package io.github.oauthsignin.signin;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackUrisTests {

	@Test
	void publicUriWhenPublicUrlSetThenOnItWhateverTheRequest() {
		CallbackUris uris = new CallbackUris(properties(URI.create("https://signin.example.com")));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/facebook/data-deletion");
		request.setServerName("10.0.0.7");
		request.setServerPort(8080);
		assertThat(uris.publicUri(request, "/facebook/data-deletion/{code}", "AbC-_9"))
			.isEqualTo(URI.create("https://signin.example.com/facebook/data-deletion/AbC-_9"));
		assertThat(uris.callbackUri(request, "facebook"))
			.isEqualTo(URI.create("https://signin.example.com/callback/facebook"));
	}

	@Test
	void publicUriWhenPublicUrlHasAPathThenUnderIt() {
		CallbackUris uris = new CallbackUris(properties(URI.create("https://example.com/signin")));
		assertThat(uris.publicUri(new MockHttpServletRequest(), "/facebook/data-deletion/{code}", "x"))
			.isEqualTo(URI.create("https://example.com/signin/facebook/data-deletion/x"));
	}

	@Test
	void publicUriWhenNoPublicUrlThenFromTheRequest() {
		CallbackUris uris = new CallbackUris(properties(null));
		// As Tomcat presents a request that a TLS proxy forwarded (scheme, host and port from X-Forwarded-*).
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/app/facebook/data-deletion");
		request.setScheme("https");
		request.setServerName("signin.example.org");
		request.setServerPort(443);
		request.setContextPath("/app");
		assertThat(uris.publicUri(request, "/facebook/data-deletion/{code}", "AbC"))
			.isEqualTo(URI.create("https://signin.example.org/app/facebook/data-deletion/AbC"));
	}

	@Test
	void redirectUriTemplateWhenNoPublicUrlThenSpringExpandsItFromTheRequest() {
		assertThat(new CallbackUris(properties(null)).redirectUriTemplate())
			.isEqualTo("{baseUrl}/callback/{registrationId}");
	}

	@Test
	void redirectUriTemplateWhenPublicUrlThenOnIt() {
		assertThat(new CallbackUris(properties(URI.create("https://example.com/signin/"))).redirectUriTemplate())
			.isEqualTo("https://example.com/signin/callback/{registrationId}");
	}

	private static SignInProperties properties(URI publicUrl) {
		return new SignInProperties(publicUrl, new SignInProperties.Pending(3, 10000, Duration.ofMinutes(10)),
				new SignInProperties.Brake(20, 100000), List.of(),
				Map.of());
	}

}
