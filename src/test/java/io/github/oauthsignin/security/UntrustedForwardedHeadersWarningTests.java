package io.github.oauthsignin.security;

import jakarta.servlet.ServletException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class UntrustedForwardedHeadersWarningTests {

	private final UntrustedForwardedHeadersWarning filter = new UntrustedForwardedHeadersWarning();

	@Test
	void forwardedForWhenFromAnUnnamedAddressThenOneWarningForManyRequestsSayingHowToNameTheProxy(
			CapturedOutput output) throws Exception {
		for (int request = 0; request < 5; request++) {
			filter(request("X-Forwarded-For", "203.0.113." + request));
		}
		assertThat(warnings(output)).isEqualTo(1);
		assertThat(output.getOut()).contains("Ignored X-Forwarded-For from 10.1.2.3")
			.contains("server.forward-headers-strategy=native")
			.contains("server.tomcat.remoteip.internal-proxies")
			.doesNotContain("203.0.113.");
	}

	@Test
	void forwardedProtoWhenNotBelievedThenWarned(CapturedOutput output) throws Exception {
		filter(request("X-Forwarded-Proto", "https"));
		assertThat(output.getOut()).contains("Ignored X-Forwarded-Proto from 10.1.2.3");
	}

	@Test
	void headersWhenANamedProxysWereBelievedThenNoWarning(CapturedOutput output) throws Exception {
		MockHttpServletRequest forwarded = request("X-Forwarded-For", "203.0.113.1");
		forwarded.setAttribute("org.apache.tomcat.request.forwarded", Boolean.TRUE);
		filter(forwarded);
		MockHttpServletRequest believedProto = request("X-Forwarded-Proto", "https");
		believedProto.setScheme("https");
		filter(believedProto);
		filter(request("X-Other", "x"));
		assertThat(warnings(output)).isZero();
	}

	private static MockHttpServletRequest request(String header, String value) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setRemoteAddr("10.1.2.3");
		request.addHeader(header, value);
		return request;
	}

	private void filter(MockHttpServletRequest request) throws ServletException, java.io.IOException {
		this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
	}

	private static long warnings(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.contains("which is not a named proxy")).count();
	}

}
