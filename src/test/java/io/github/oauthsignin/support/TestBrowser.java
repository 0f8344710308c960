package io.github.oauthsignin.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A minimal browser for full-flow tests: real HTTP, a cookie jar, redirects followed one hop at a time across the
 * app and the fake providers (each hop recorded), and forms read from the page the way a person would submit
 * them, with their hidden fields (a CSRF token where the page has one) and the headers a current browser adds to a
 * form's POST ({@code Origin}, {@code Sec-Fetch-Site}); other sites' forms and older browsers can be played too.
 */
public final class TestBrowser {

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI appBase;

	private final List<Hop> history = new ArrayList<>();

	private final Map<String, String> extraHeaders = new LinkedHashMap<>();

	/** @param appBase the app's base URL, such as {@code http://localhost:8080} */
	public TestBrowser(URI appBase) {
		this.appBase = appBase;
	}

	/** Sends this header with every request from now on (as a proxy in front of the app would add it). */
	public TestBrowser alwaysSend(String name, String value) {
		this.extraHeaders.put(name, value);
		return this;
	}

	/** GETs a URL (relative to the app unless absolute), following redirects. */
	public Page open(String url) {
		return follow(send(HttpRequest.newBuilder(resolve(url)).GET()));
	}

	/** GETs a URL without following redirects. */
	public HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(resolve(url)).GET());
	}

	/**
	 * POSTs a form without following redirects, as a form on one of the app's own pages does: with the headers a
	 * browser adds, {@code Origin} (the app's) and {@code Sec-Fetch-Site} (same-origin for the app).
	 */
	public HttpResponse<String> post(String url, Map<String, String> form) {
		return postFrom(origin(this.appBase), url, form);
	}

	/**
	 * POSTs a form of a page of this origin (such as {@code http://127.0.0.1:4444}, another site) as a current
	 * browser does: {@code Origin} and {@code Sec-Fetch-Site} ({@code same-origin}, {@code same-site} or
	 * {@code cross-site}, by comparing the two origins as browsers do).
	 */
	public HttpResponse<String> postFrom(String pageOrigin, String url, Map<String, String> form) {
		URI target = resolve(url);
		return send(form(target, form).header("Origin", pageOrigin)
			.header("Sec-Fetch-Site", fetchSite(URI.create(pageOrigin), target)));
	}

	/**
	 * POSTs a form of a page of this origin as a browser from before {@code Sec-Fetch-Site} does (Chrome before 76,
	 * Firefox before 90, Safari before 16.4): {@code Origin} only.
	 */
	public HttpResponse<String> postFromOldBrowser(String pageOrigin, String url, Map<String, String> form) {
		return send(form(resolve(url), form).header("Origin", pageOrigin));
	}

	/** POSTs a form as a program that is not a browser does (a provider's server, curl): neither header. */
	public HttpResponse<String> postWithoutBrowserHeaders(String url, Map<String, String> form) {
		return send(form(resolve(url), form));
	}

	/**
	 * POSTs JSON as the app's passkey script does with {@code fetch}: same-origin ({@code Origin} and
	 * {@code Sec-Fetch-Site: same-origin}), with these extra headers (the CSRF token's, for a signed-in page).
	 */
	public HttpResponse<String> fetch(String url, String json, Map<String, String> headers) {
		URI target = resolve(url);
		HttpRequest.Builder request = HttpRequest.newBuilder(target)
			.header("Content-Type", "application/json")
			.header("Origin", origin(target))
			.header("Sec-Fetch-Site", "same-origin")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		headers.forEach(request::header);
		return send(request);
	}

	/** Follows a response's redirects to the page at the end. */
	public Page follow(HttpResponse<String> response) {
		HttpResponse<String> current = response;
		for (int hops = 0; hops < 20 && isRedirect(current.statusCode()); hops++) {
			URI next = current.uri().resolve(current.headers().firstValue("Location").orElseThrow());
			current = send(HttpRequest.newBuilder(next).GET());
		}
		return new Page(current, Jsoup.parse(current.body(), current.uri().toString()));
	}

	/**
	 * Submits the form that holds this button (its CSRF token and hidden fields), with the button's
	 * {@code formaction} when it has one, plus extra fields; does not follow the redirect.
	 */
	public HttpResponse<String> press(Page page, String buttonText, Map<String, String> extraFields) {
		Element button = page.document()
			.select("button, input[type=submit]")
			.stream()
			.filter((candidate) -> candidate.text().equals(buttonText) || candidate.val().equals(buttonText))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No button '" + buttonText + "' on " + page.uri()));
		Element form = button.closest("form");
		if (form == null) {
			throw new AssertionError("Button '" + buttonText + "' is not in a form");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (Element input : form.select("input")) {
			String type = input.attr("type");
			if (input.hasAttr("name") && !type.equals("submit") && !type.equals("checkbox") && !type.equals("radio")) {
				fields.put(input.attr("name"), input.val());
			}
			if ((type.equals("checkbox") || type.equals("radio")) && input.hasAttr("checked")) {
				fields.put(input.attr("name"), input.hasAttr("value") ? input.val() : "on");
			}
		}
		if (button.hasAttr("name")) {
			fields.put(button.attr("name"), button.val());
		}
		fields.putAll(extraFields);
		String action = button.hasAttr("formaction") ? button.absUrl("formaction") : form.absUrl("action");
		String method = form.attr("method").isEmpty() ? "get" : form.attr("method");
		if (!method.equalsIgnoreCase("post")) {
			throw new AssertionError("Only POST forms are pressed here: " + action);
		}
		return postFrom(origin(page.uri()), action, fields);
	}

	/** Submits the form that holds this button and follows redirects. */
	public Page pressAndFollow(Page page, String buttonText) {
		return follow(press(page, buttonText, Map.of()));
	}

	/**
	 * Opens this page of the app, presses "Sign in with …" and follows the redirect to the provider, which answers
	 * at once (auto-approve mode) with its redirect back; returns that callback URL without opening it, for tests
	 * that replay it, tamper with it, race it or open it on another instance.
	 * @param homeUrl the page with the sign-in buttons, relative to the app unless absolute
	 * @param providerName as on the button, such as {@code Facebook}
	 */
	public String callbackFor(String homeUrl, String providerName) {
		return callbackAfterPressing(homeUrl, "Sign in with " + providerName);
	}

	/**
	 * Opens this page of the app, presses the button and follows the redirect to the provider, which answers at once
	 * (auto-approve mode); returns its redirect back without opening it.
	 * @param pageUrl the page with the button, such as {@code /account} with "Connect GitHub"
	 */
	public String callbackAfterPressing(String pageUrl, String buttonText) {
		HttpResponse<String> toProvider = press(open(pageUrl), buttonText, Map.of());
		assertThat(toProvider.statusCode()).as("the app's redirect to the provider").isEqualTo(302);
		HttpResponse<String> atProvider = get(toProvider.headers().firstValue("Location").orElseThrow());
		assertThat(atProvider.statusCode()).as("the provider's redirect back").isEqualTo(302);
		return atProvider.headers().firstValue("Location").orElseThrow();
	}

	/** Every request this browser made, in order. */
	public List<Hop> history() {
		return List.copyOf(this.history);
	}

	public void clearHistory() {
		this.history.clear();
	}

	/** The value of a cookie for the app, if set. */
	public Optional<HttpCookie> cookie(String name) {
		return List.copyOf(this.cookies.getCookieStore().getCookies())
			.stream()
			.filter((cookie) -> cookie.getName().equals(name) && !cookie.hasExpired())
			.findFirst();
	}

	/** Sets a cookie for the app, as someone who can write this browser's cookies could (a planted session id). */
	public void setCookie(String name, String value) {
		try {
			this.cookies.put(this.appBase, Map.of("Set-Cookie", List.of(name + "=" + value + "; Path=/")));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Closes and reopens the browser: session cookies (no expiry) are gone, persistent ones stay. */
	public void restart() {
		for (HttpCookie cookie : List.copyOf(this.cookies.getCookieStore().getCookies())) {
			if (cookie.getMaxAge() < 0) {
				this.cookies.getCookieStore().remove(null, cookie);
				this.cookies.getCookieStore().remove(this.appBase, cookie);
			}
		}
	}

	/** Forgets all cookies, like a fresh browser profile. */
	public void clearCookies() {
		this.cookies.getCookieStore().removeAll();
	}

	/** Copies this browser's cookies into another one (a stolen session, a second tab). */
	public void copyCookiesTo(TestBrowser other) {
		for (HttpCookie cookie : List.copyOf(this.cookies.getCookieStore().getCookies())) {
			other.cookies.getCookieStore().add(this.appBase, cookie);
		}
	}

	private URI resolve(String url) {
		return this.appBase.resolve(url);
	}

	private static HttpRequest.Builder form(URI target, Map<String, String> form) {
		return HttpRequest.newBuilder(target)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)));
	}

	/** {@code scheme://host[:port]}, as browsers write an {@code Origin} header (no default port). */
	static String origin(URI uri) {
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "");
	}

	/**
	 * The {@code Sec-Fetch-Site} a browser sends for a request from a page of one origin to a URL: same-origin, or
	 * same-site when only the port differs (a site is a scheme and a host here, which have no registrable domain
	 * of their own: {@code localhost}, an IP address), else cross-site.
	 */
	static String fetchSite(URI page, URI target) {
		if (origin(page).equals(origin(target))) {
			return "same-origin";
		}
		boolean sameSite = page.getScheme().equalsIgnoreCase(target.getScheme())
				&& page.getHost().equalsIgnoreCase(target.getHost());
		return sameSite ? "same-site" : "cross-site";
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			request.setHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
			this.extraHeaders.forEach(request::setHeader);
			HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			this.history.add(new Hop(response.request().method(), response.uri(), response.statusCode(),
					response.headers().firstValue("Location").orElse(null), response.headers().allValues("Set-Cookie"),
					response.body()));
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	private static String encode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/**
	 * One request made.
	 * @param method the HTTP method
	 * @param uri the URL
	 * @param status the answer's status
	 * @param location the redirect target, when it was a redirect
	 * @param setCookies the cookies the answer set
	 * @param body the answer's body
	 */
	public record Hop(String method, URI uri, int status, String location, List<String> setCookies, String body) {
	}

	/**
	 * A page at the end of the redirects.
	 * @param response the last response
	 * @param document its parsed HTML
	 */
	public record Page(HttpResponse<String> response, Document document) {

		public URI uri() {
			return this.response.uri();
		}

		public int status() {
			return this.response.statusCode();
		}

		/** The visible text of the element matching the CSS selector, or empty. */
		public Optional<String> text(String cssSelector) {
			return Optional.ofNullable(this.document.selectFirst(cssSelector)).map(Element::text);
		}

		/** The page's flash message, if any. */
		public Optional<String> message() {
			return text(".message");
		}

		/** The greeting shown to a signed-in person, if any. */
		public Optional<String> greeting() {
			return text(".greeting");
		}

		public String html() {
			return this.response.body();
		}

	}

}
