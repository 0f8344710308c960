package io.github.oauthsignin.production;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.fake.twitter.FakeTwitter;
import io.github.oauthsignin.signin.BrowserBinding;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;
import io.github.oauthsignin.web.CookieFlashMapManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS-terminating proxy the operator has named (DEPLOY: {@code server.forward-headers-strategy=native} and
 * {@code server.tomcat.remoteip.internal-proxies}; here the proxy is this machine): its {@code X-Forwarded-*} headers
 * are believed, so the callback URL given to the providers is the public https one, cookies are {@code Secure}, and
 * the history records the visitor's address. Operator views still never open for an address from a header, and a
 * value that is not an address breaks nothing.
 */
@TestPropertySource(properties = { "server.forward-headers-strategy=native",
		"server.tomcat.remoteip.internal-proxies=127[.]0[.]0[.]1|0:0:0:0:0:0:0:1",
		"signin.operators.addresses=192.0.2.10/32" })
class ForwardedHeadersFromNamedProxyTests extends SignInFlowTestSupport {

	private String publicHost = "signin.example.com";

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@LocalManagementPort
	private int managementPort;

	@Test
	void facebookWhenBehindTlsProxyThenProviderGetsPublicHttpsCallback() throws Exception {
		URI dialog = startSignIn("facebook");
		String redirectUri = UriComponentsBuilder.fromUri(dialog).build(true).getQueryParams().getFirst("redirect_uri");
		assertThat(URLDecoder.decode(redirectUri, StandardCharsets.UTF_8))
			.isEqualTo("https://signin.example.com/callback/facebook");
	}

	@Test
	void twitterWhenBehindTlsProxyThenProviderGetsPublicHttpsCallback() throws Exception {
		twitter.allowCallback("https://signin.example.com/callback/twitter");
		startSignIn("twitter");
		assertThat(twitter.refusals()).isEmpty();
		assertThat(twitter.calls(FakeTwitter.REQUEST_TOKEN)).isEqualTo(1);
	}

	@Test
	void twitterWhenPublicCallbackNotRegisteredAtXThenRefusedThere() throws Exception {
		// X knows only the app's direct address and the public URL of the other test: the callback sent is
		// the public one of this proxy, so X refuses it and the person is told.
		this.publicHost = "unregistered.example.com";
		HttpResponse<String> started = postAuthorize("twitter");
		assertThat(URI.create(started.headers().firstValue("Location").orElseThrow()).getPath()).isEqualTo("/");
		assertThat(twitter.refusals())
			.anySatisfy((why) -> assertThat(why).contains("https://unregistered.example.com/callback/twitter"));
	}

	@Test
	void cookiesWhenBehindTlsProxyThenSecureHttpOnlyLax() throws Exception {
		facebook.allowRedirectUri("https://signin.example.com/callback/facebook");
		HttpResponse<String> started = postAuthorize("facebook");
		String binding = cookie(started, BrowserBinding.COOKIE);
		HttpResponse<String> atFacebook = this.client.send(HttpRequest.newBuilder(URI.create(
				started.headers().firstValue("Location").orElseThrow())).build(), HttpResponse.BodyHandlers.ofString());
		URI callback = URI.create(atFacebook.headers().firstValue("Location").orElseThrow());
		assertThat(callback.getHost()).isEqualTo("signin.example.com");
		HttpResponse<String> signedIn = sendThroughProxy(HttpRequest.newBuilder(URI.create(appUri(callback.getRawPath()
				+ "?" + callback.getRawQuery()))).header("Cookie", binding.substring(0, binding.indexOf(';'))).GET());
		HttpResponse<String> refused = sendThroughProxy(
				HttpRequest.newBuilder(URI.create(appUri("/callback/facebook?code=x&state=y"))).GET());
		for (String cookie : List.of(binding, cookie(signedIn, "SESSION"), cookie(refused, CookieFlashMapManager.COOKIE))) {
			assertThat(cookie).containsIgnoringCase("; Secure")
				.containsIgnoringCase("; HttpOnly")
				.containsIgnoringCase("; SameSite=Lax");
		}
	}

	@Test
	void cookiesWhenPlainHttpThenNotSecureButHttpOnlyLax() {
		TestBrowser browser = browser();
		facebook.denyNext();
		signIn(browser, "Facebook");
		signIn(browser, "Facebook");
		List<String> issued = browser.history().stream().flatMap((hop) -> hop.setCookies().stream()).toList();
		for (String name : List.of(BrowserBinding.COOKIE, CookieFlashMapManager.COOKIE, "SESSION")) {
			assertThat(issued).as(name).filteredOn((cookie) -> cookie.startsWith(name + "=")).isNotEmpty()
				.allSatisfy((cookie) -> assertThat(cookie).doesNotContainIgnoringCase("Secure")
					.containsIgnoringCase("; HttpOnly")
					.containsIgnoringCase("; SameSite=Lax")
					.containsIgnoringCase("; Path=/"));
		}
	}

	@Test
	void historyWhenThroughTheNamedProxyThenTheVisitorsAddress() {
		TestBrowser visitor = browser().alwaysSend("X-Forwarded-For", "198.51.100.23");
		signInAs(visitor, "Facebook", facebook, person("7711", "Proxied Pia", null));
		assertThat(this.jdbc.queryForList("select client_address from sign_in_history where user_id = ?", String.class,
				userId("facebook$7711")))
			.containsExactly("198.51.100.23");
	}

	@Test
	void operatorViewsWhenTheProxySaysAnOperatorsAddressThenStillRefused() {
		String info = "http://localhost:" + this.managementPort + "/actuator/info";
		assertThat(browser().alwaysSend("X-Forwarded-For", "192.0.2.10").get(info).statusCode()).isEqualTo(403);
		assertThat(browser().get(info).statusCode()).as("this machine is not an operator here").isEqualTo(403);
		HttpResponse<String> publicPort = browser().alwaysSend("X-Forwarded-For", "192.0.2.10").get("/actuator/info");
		assertThat(publicPort.statusCode()).as("not on the public port").isIn(403, 404);
		assertThat(publicPort.body()).doesNotContain("signInProviders");
	}

	@Test
	void forwardedForWhenNotAnAddressThenNothingAnswers500AndTheHistoryHasNoAddress() {
		for (String junk : List.of("not-an-ip", "999.1.1.1", "<script>", "1.2.3.4, nonsense", "::ffff:zz")) {
			TestBrowser browser = browser().alwaysSend("X-Forwarded-For", junk);
			assertThat(browser.get("/").statusCode()).as(junk).isEqualTo(200);
			assertThat(browser.get("/healthz").statusCode()).as(junk).isEqualTo(200);
			assertThat(browser.get("http://localhost:" + this.managementPort + "/actuator/info").statusCode()).as(junk)
				.isEqualTo(403);
		}
		TestBrowser browser = browser().alwaysSend("X-Forwarded-For", "not-an-ip");
		assertThat(signInAs(browser, "Facebook", facebook, person("7712", "Junk Jay", null)).greeting())
			.contains("Hi, Junk Jay!");
		assertThat(this.jdbc.queryForList("select client_address from sign_in_history where user_id = ?", String.class,
				userId("facebook$7712")))
			.containsExactly((String) null);
	}

	/** Opens the home page through the proxy and presses the provider's button; returns the provider URL. */
	private URI startSignIn(String provider) throws Exception {
		HttpResponse<String> started = postAuthorize(provider);
		assertThat(started.statusCode()).isEqualTo(302);
		return URI.create(started.headers().firstValue("Location").orElseThrow());
	}

	/**
	 * Presses the provider's button of the home page, as a browser without {@code Sec-Fetch-Site} does through the
	 * proxy: its {@code Origin} is the public one, which the app sees through the proxy's headers.
	 */
	private HttpResponse<String> postAuthorize(String provider) throws Exception {
		Map<String, String> headers = new HashMap<>(proxyHeaders());
		headers.put("Origin", "https://" + this.publicHost);
		return new ForwardedRequests(appUri("")).postAuthorize(provider, headers);
	}

	/** The Set-Cookie header of the answer for this cookie. */
	private static String cookie(HttpResponse<String> response, String name) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith(name + "="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + name + " cookie set by " + response.uri()));
	}

	private HttpResponse<String> sendThroughProxy(HttpRequest.Builder request) throws Exception {
		proxyHeaders().forEach(request::header);
		request.header("Accept", "text/html");
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Map<String, String> proxyHeaders() {
		return Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", this.publicHost, "X-Forwarded-Port", "443");
	}

}
