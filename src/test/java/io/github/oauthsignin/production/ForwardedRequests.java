package io.github.oauthsignin.production;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.jsoup.Jsoup;

/**
 * Requests that carry forwarded headers, as a proxy (or someone pretending to be one) sends them: the home page, and
 * pressing a sign-in button there with its session cookie and CSRF token, each with the same headers. A plain HTTP
 * client, because a browser would not send back a {@code Secure} cookie over plain http.
 */
final class ForwardedRequests {

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final String appBase;

	ForwardedRequests(String appBase) {
		this.appBase = appBase;
	}

	HttpResponse<String> home(Map<String, String> headers) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.appBase + "/")).GET(), headers);
	}

	/** Opens the home page and presses the provider's button; the answer to the press. */
	HttpResponse<String> postAuthorize(String provider, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpResponse<String> home = home(headers);
		String session = home.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("SESSION="))
			.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
			.findFirst()
			.orElseThrow();
		String csrf = Jsoup.parse(home.body()).selectFirst("input[name=_csrf]").val();
		return send(HttpRequest.newBuilder(URI.create(this.appBase + "/authorize/" + provider))
			.header("Cookie", session)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)), headers);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers)
			throws IOException, InterruptedException {
		headers.forEach(request::header);
		request.header("Accept", "text/html");
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
