package io.github.oauthsignin.production;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.signin.BrowserBinding;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * As shipped, no forwarded header is believed from anyone (Spring Boot's default): a client that sends
 * {@code X-Forwarded-Proto/Host/Port} does not change the callback URL given to the providers nor make cookies
 * {@code Secure}, one that sends {@code X-Forwarded-For} writes no address of its choice into the sign-in history and
 * opens no operator view, and a value that is not an address breaks nothing. With the proxy named:
 * {@code ForwardedHeadersFromNamedProxyTests}.
 */
class ForwardedHeadersTests extends SignInFlowTestSupport {

	@LocalManagementPort
	private int managementPort;

	@Test
	void callbackWhenForwardedProtoAndHostFromAnUnnamedAddressThenTheConnectionsOwn() throws Exception {
		URI dialog = startSignIn("facebook", Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host",
				"evil.example", "X-Forwarded-Port", "443"));
		String redirectUri = UriComponentsBuilder.fromUri(dialog).build(true).getQueryParams().getFirst("redirect_uri");
		assertThat(URLDecoder.decode(redirectUri, StandardCharsets.UTF_8)).isEqualTo(appUri("/callback/facebook"));
	}

	@Test
	void cookiesWhenForwardedProtoFromAnUnnamedAddressThenNotSecureButHttpOnlyLax() throws Exception {
		HttpResponse<String> started = new ForwardedRequests(appUri("")).postAuthorize("facebook",
				Map.of("X-Forwarded-Proto", "https", "Sec-Fetch-Site", "same-origin"));
		assertThat(started.headers().allValues("Set-Cookie")).anySatisfy((cookie) -> assertThat(cookie)
			.startsWith(BrowserBinding.COOKIE + "=")
			.doesNotContainIgnoringCase("Secure")
			.containsIgnoringCase("; HttpOnly")
			.containsIgnoringCase("; SameSite=Lax"));
	}

	@Test
	void historyWhenForwardedForSpoofedThenTheConnectionsAddressIsWritten() {
		TestBrowser spoofer = browser().alwaysSend("X-Forwarded-For", "203.0.113.77");
		signInAs(spoofer, "Facebook", facebook, person("7701", "Spoofing Sid", null));
		assertThat(this.jdbc.queryForList("select client_address from sign_in_history where user_id = ?", String.class,
				userId("facebook$7701")))
			.singleElement()
			.isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
	}

	@Test
	void operatorViewsWhenForwardedForSaysThisMachineThenNotOnThePublicPort() {
		TestBrowser spoofer = browser().alwaysSend("X-Forwarded-For", "127.0.0.1");
		for (String view : List.of("/actuator/info", "/actuator/prometheus", "/actuator/env")) {
			HttpResponse<String> answer = spoofer.get(view);
			assertThat(answer.statusCode()).as(view).isIn(403, 404);
			assertThat(answer.body()).as(view).doesNotContain("signInProviders").doesNotContain("jvm_");
		}
		assertThat(spoofer.get("/healthz").statusCode()).as("health stays public").isEqualTo(200);
	}

	@Test
	void forwardedForWhenNotAnAddressThenNothingAnswers500() {
		for (String junk : List.of("not-an-ip", "", "999.1.1.1", "<script>", "1.2.3.4, nonsense", "::ffff:zz")) {
			TestBrowser browser = browser().alwaysSend("X-Forwarded-For", junk);
			assertThat(browser.get("/").statusCode()).as(junk).isEqualTo(200);
			assertThat(browser.get("/healthz").statusCode()).as(junk).isEqualTo(200);
			assertThat(browser.get("http://localhost:" + this.managementPort + "/actuator/info").statusCode()).as(junk)
				.isEqualTo(200);
		}
		TestBrowser browser = browser().alwaysSend("X-Forwarded-For", "not-an-ip");
		assertThat(signInAs(browser, "Facebook", facebook, person("7702", "Junk Jo", null)).greeting())
			.contains("Hi, Junk Jo!");
	}

	private URI startSignIn(String provider, Map<String, String> headers) throws Exception {
		Map<String, String> sent = new HashMap<>(headers);
		sent.put("Sec-Fetch-Site", "same-origin");
		HttpResponse<String> started = new ForwardedRequests(appUri("")).postAuthorize(provider, sent);
		assertThat(started.statusCode()).isEqualTo(302);
		return URI.create(started.headers().firstValue("Location").orElseThrow());
	}

}
