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

import io.github.oauthsignin.support.SignInFlowTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS-terminating proxy that sends {@code X-Forwarded-Proto/Host/Port}: the callback URL given to the
 * providers is the public https one, and cookies are {@code Secure}.
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
		HttpResponse<String> home = send(HttpRequest.newBuilder(URI.create(appUri("/"))).GET());
		List<String> cookies = home.headers().allValues("Set-Cookie");
		assertThat(cookies).anySatisfy((cookie) -> assertThat(cookie).startsWith("SESSION=")
			.containsIgnoringCase("; Secure")
			.containsIgnoringCase("; HttpOnly")
			.containsIgnoringCase("; SameSite=Lax"));
	}

	@Test
	void cookiesWhenPlainHttpThenNotSecureButHttpOnlyLax() throws Exception {
		HttpResponse<String> home = this.client.send(HttpRequest.newBuilder(URI.create(appUri("/")))
			.header("Accept", "text/html")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(home.headers().allValues("Set-Cookie")).anySatisfy((cookie) -> assertThat(cookie)
			.startsWith("SESSION=")
			.doesNotContainIgnoringCase("Secure")
			.containsIgnoringCase("; HttpOnly")
			.containsIgnoringCase("; SameSite=Lax"));
	}

	/** Opens the home page through the proxy and presses the provider's button; returns the provider URL. */
	private URI startSignIn(String provider) throws Exception {
		HttpResponse<String> started = postAuthorize(provider);
		assertThat(started.statusCode()).isEqualTo(302);
		return URI.create(started.headers().firstValue("Location").orElseThrow());
	}

	private HttpResponse<String> postAuthorize(String provider) throws Exception {
		HttpResponse<String> home = send(HttpRequest.newBuilder(URI.create(appUri("/"))).GET());
		String session = home.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("SESSION="))
			.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
			.findFirst()
			.orElseThrow();
		String csrf = Jsoup.parse(home.body()).selectFirst("input[name=_csrf]").val();
		return send(HttpRequest.newBuilder(URI.create(appUri("/authorize/" + provider)))
			.header("Cookie", session)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		request.header("X-Forwarded-Proto", "https");
		request.header("X-Forwarded-Host", this.publicHost);
		request.header("X-Forwarded-Port", "443");
		request.header("Accept", "text/html");
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
