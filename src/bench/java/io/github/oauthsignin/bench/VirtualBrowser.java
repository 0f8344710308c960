package io.github.oauthsignin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One person's browser as the load driver plays it: its own cookie jar (per host and port, as if the app and each
 * provider were different sites), redirects followed by hand one hop at a time, forms posted with the headers a
 * browser adds ({@code Origin}, {@code Sec-Fetch-Site}) and, where the page has one (a signed-in page), the CSRF token
 * read from it. It shares the driver's one {@link HttpClient}, as browsers on one machine share a network:
 * a client per browser would spend the driver's scarce CPU on 32 selector threads.
 */
final class VirtualBrowser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]*)\"");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient client;

	private final Map<String, Map<String, String>> jar = new HashMap<>();

	VirtualBrowser(HttpClient client) {
		this.client = client;
	}

	/** Forgets every cookie, like a new private window. */
	void clear() {
		this.jar.clear();
	}

	/** Sets a cookie for a host and port, as signing in at that site earlier would have. */
	void setCookie(URI site, String name, String value) {
		this.jar.computeIfAbsent(authority(site), (key) -> new LinkedHashMap<>()).put(name, value);
	}

	HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri).GET(), uri);
	}

	HttpResponse<String> post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
		StringBuilder body = new StringBuilder();
		form.forEach((name, value) -> {
			if (body.length() > 0) {
				body.append('&');
			}
			body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		});
		// A form of the site's own page, posted as browsers post it: with its Origin and Sec-Fetch-Site.
		return send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Origin", uri.getScheme() + "://" + uri.getRawAuthority())
			.header("Sec-Fetch-Site", "same-origin")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())), uri);
	}

	/**
	 * POSTs JSON as the app's passkey script's {@code fetch} does: same-origin, with these extra headers (the CSRF
	 * token's on a signed-in page).
	 */
	HttpResponse<String> postJson(URI uri, String json, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.header("Origin", uri.getScheme() + "://" + uri.getRawAuthority())
			.header("Sec-Fetch-Site", "same-origin")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		headers.forEach(request::header);
		return send(request, uri);
	}

	/** The CSRF token of the page's first form. */
	static String csrfToken(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		if (!matcher.find()) {
			throw new BenchFailure("no CSRF token on " + page.uri());
		}
		return matcher.group(1);
	}

	/**
	 * Where a redirect goes, resolved against the request and without its fragment (Facebook appends
	 * {@code #_=_}; browsers never send fragments).
	 */
	static URI redirectTarget(HttpResponse<String> response, int expectedStatus) {
		expectStatus(response, expectedStatus);
		String location = response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new BenchFailure("redirect without Location from " + response.uri()));
		int hash = location.indexOf('#');
		return response.uri().resolve((hash >= 0) ? location.substring(0, hash) : location);
	}

	static void expectStatus(HttpResponse<String> response, int expected) {
		if (response.statusCode() != expected) {
			String location = response.headers().firstValue("Location").orElse("");
			throw new BenchFailure(response.request().method() + " " + pathOf(response.uri()) + " answered "
					+ response.statusCode() + " instead of " + expected
					+ (location.isEmpty() ? "" : " (to " + pathOf(URI.create(location)) + ")"));
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request, URI uri) throws IOException, InterruptedException {
		Map<String, String> cookies = this.jar.get(authority(uri));
		if (cookies != null && !cookies.isEmpty()) {
			StringBuilder header = new StringBuilder();
			cookies.forEach((name, value) -> {
				if (header.length() > 0) {
					header.append("; ");
				}
				header.append(name).append('=').append(value);
			});
			request.header("Cookie", header.toString());
		}
		request.header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8").timeout(TIMEOUT);
		HttpResponse<String> response = this.client.send(request.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		for (String setCookie : response.headers().allValues("Set-Cookie")) {
			store(uri, setCookie);
		}
		return response;
	}

	/** Keeps or, when it has expired ({@code Max-Age=0}, as on sign-out), drops a cookie the site set. */
	private void store(URI uri, String setCookie) {
		String[] parts = setCookie.split(";");
		int equals = parts[0].indexOf('=');
		if (equals <= 0) {
			return;
		}
		String name = parts[0].substring(0, equals).strip();
		String value = parts[0].substring(equals + 1).strip();
		boolean expired = value.isEmpty();
		for (int i = 1; i < parts.length; i++) {
			String attribute = parts[i].strip().toLowerCase(Locale.ROOT);
			if (attribute.equals("max-age=0") || attribute.startsWith("max-age=-")) {
				expired = true;
			}
		}
		Map<String, String> cookies = this.jar.computeIfAbsent(authority(uri), (key) -> new LinkedHashMap<>());
		if (expired) {
			cookies.remove(name);
		}
		else {
			cookies.put(name, value);
		}
	}

	private static String authority(URI uri) {
		return uri.getHost() + ":" + uri.getPort();
	}

	private static String pathOf(URI uri) {
		return (uri.getRawPath() != null) ? uri.getRawPath() : uri.toString();
	}

	/** A step that did not go as a person would see it go: counted as an error. */
	static final class BenchFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		BenchFailure(String message) {
			super(message, null, false, false);
		}

	}

}
