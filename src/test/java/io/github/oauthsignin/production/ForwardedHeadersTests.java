package io.github.oauthsignin.production;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.signin.BrowserBinding;
import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;
import io.github.oauthsignin.web.CookieFlashMapManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS-terminating proxy that sends {@code X-Forwarded-Proto/Host/Port}: the callback URL given to the
 * providers is the public https one, cookies are {@code Secure}, and a form of the public origin is this site's.
 */
class ForwardedHeadersTests extends SignInFlowTestSupport {

	private String publicHost = "signin.example.com";

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

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
		assertThat(twitter.calls(io.github.oauthsignin.fake.twitter.FakeTwitter.REQUEST_TOKEN)).isEqualTo(1);
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
		HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(appUri(callback.getRawPath() + "?"
				+ callback.getRawQuery()))).header("Cookie", binding.substring(0, binding.indexOf(';'))).GET());
		HttpResponse<String> refused = send(
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

	/** Starts a sign-in through the proxy; returns the provider URL. */
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
		HttpResponse<String> home = send(HttpRequest.newBuilder(URI.create(appUri("/"))).GET());
		assertThat(Jsoup.parse(home.body()).select("button[formaction=/authorize/" + provider + "]")).hasSize(1);
		return send(HttpRequest.newBuilder(URI.create(appUri("/authorize/" + provider)))
			.header("Origin", "https://" + this.publicHost)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("")));
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

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		request.header("X-Forwarded-Proto", "https");
		request.header("X-Forwarded-Host", this.publicHost);
		request.header("X-Forwarded-Port", "443");
		request.header("Accept", "text/html");
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
