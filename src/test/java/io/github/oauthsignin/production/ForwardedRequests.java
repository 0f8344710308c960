package io.github.oauthsignin.production;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Requests that carry forwarded headers, as a proxy (or someone pretending to be one) sends them: the home page, and
 * pressing a sign-in button there, each with the same headers. A plain HTTP
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

	/**
	 * Presses the provider's button of the home page (which carries no token: a form of this site is told apart by
	 * the browser's {@code Sec-Fetch-Site} or {@code Origin}, which the headers given here must hold); the answer.
	 */
	HttpResponse<String> postAuthorize(String provider, Map<String, String> headers)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.appBase + "/authorize/" + provider))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("")), headers);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers)
			throws IOException, InterruptedException {
		headers.forEach(request::header);
		request.header("Accept", "text/html");
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
