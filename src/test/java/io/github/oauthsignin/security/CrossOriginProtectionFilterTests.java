package io.github.oauthsignin.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import io.github.oauthsignin.web.PageMessages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The cross-site check, case by case, as Go 1.25's {@code http.CrossOriginProtection} decides: by
 * {@code Sec-Fetch-Site}, else by {@code Origin} against the request's host, else (no browser) allowed.
 */
class CrossOriginProtectionFilterTests {

	private final PageMessages messages = mock(PageMessages.class);

	private final CrossOriginProtectionFilter filter = new CrossOriginProtectionFilter(
			PathPatternRequestMatcher.withDefaults().matcher("/facebook/deauthorize"), this.messages);

	@ParameterizedTest(name = "{0} Sec-Fetch-Site={1} Origin={2} → cross-origin {3}")
	@CsvSource(nullValues = "-", value = {
			// Safe methods are never refused, whoever asks.
			"GET, cross-site, https://evil.example, false", "HEAD, cross-site, -, false",
			"OPTIONS, cross-site, https://evil.example, false",
			// Sec-Fetch-Site decides when present, whatever Origin says.
			"POST, same-origin, -, false", "POST, none, -, false", "POST, same-origin, https://evil.example, false",
			"POST, cross-site, -, true", "POST, same-site, -, true", "POST, cross-site, https://app.example, true",
			"PUT, cross-site, -, true", "DELETE, same-site, -, true", "PATCH, cross-site, -, true",
			// Without it, Origin against Host.
			"POST, -, https://app.example, false", "POST, -, http://app.example, false",
			"POST, -, https://evil.example, true", "POST, -, https://app.example:8443, true",
			"POST, -, https://sub.app.example, true", "POST, -, null, true", "POST, -, ::not a url::, true",
			// Neither header: not a browser's form.
			"POST, -, -, false" })
	void isCrossOriginAsGoDecides(String method, String fetchSite, String origin, boolean crossOrigin) {
		assertThat(CrossOriginProtectionFilter.isCrossOrigin(request(method, fetchSite, origin))).isEqualTo(crossOrigin);
	}

	@Test
	void isCrossOriginWhenOriginIsThePublicOneBehindAProxyThenSameSite() {
		MockHttpServletRequest proxied = new MockHttpServletRequest("POST", "/authorize/facebook");
		proxied.addHeader("Host", "127.0.0.1:8080");
		proxied.addHeader("Origin", "https://signin.example.com");
		assertThat(CrossOriginProtectionFilter.isCrossOrigin(seenThroughProxy(proxied, 443))).isFalse();
		assertThat(CrossOriginProtectionFilter.isCrossOrigin(seenThroughProxy(proxied, 8443))).isTrue();
	}

	/** The request as Tomcat shows it behind a trusted proxy: scheme, host and port from X-Forwarded-*. */
	private static HttpServletRequest seenThroughProxy(HttpServletRequest request, int publicPort) {
		return new HttpServletRequestWrapper(request) {

			@Override
			public String getScheme() {
				return "https";
			}

			@Override
			public String getServerName() {
				return "signin.example.com";
			}

			@Override
			public int getServerPort() {
				return publicPort;
			}

		};
	}

	@Test
	void filterWhenCrossSiteThenHomeWithAMessageAndNothingElseRuns() throws Exception {
		MockHttpServletRequest request = request("POST", "cross-site", "https://evil.example");
		request.setRequestURI("/logout");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(request, response, chain);
		assertThat(chain.getRequest()).as("the rest of the chain").isNull();
		assertThat(response.getRedirectedUrl()).isEqualTo("/");
		verify(this.messages).flash(any(HttpServletRequest.class), any(), eq("/"), eq("form.crossSite"));
	}

	@Test
	void filterWhenExemptOrSameOriginThenPassedOn() throws Exception {
		MockHttpServletRequest exempt = request("POST", "cross-site", "https://www.facebook.com");
		exempt.setRequestURI("/facebook/deauthorize");
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(exempt, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(exempt);

		MockHttpServletRequest sameOrigin = request("POST", "same-origin", "https://app.example");
		sameOrigin.setRequestURI("/logout");
		chain = new MockFilterChain();
		this.filter.doFilter(sameOrigin, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(sameOrigin);
		verifyNoInteractions(this.messages);
	}

	private static MockHttpServletRequest request(String method, String fetchSite, String origin) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/authorize/facebook");
		request.setScheme("https");
		request.setServerName("app.example");
		request.setServerPort(443);
		request.addHeader("Host", "app.example");
		if (fetchSite != null) {
			request.addHeader("Sec-Fetch-Site", fetchSite);
		}
		if (origin != null) {
			request.addHeader("Origin", origin);
		}
		return request;
	}

}
