package io.github.oauthsignin.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The common ground of the strict fake providers: a real HTTP server (the JDK's) on a loopback port, request
 * parsing, answers, per-endpoint call counts and scripted faults. It shares no code with the application: a fake
 * that reused the app's own logic would prove nothing.
 */
public abstract class FakeServer implements AutoCloseable {

	static {
		// The JDK's server writes the headers and the body of an answer apart; with Nagle's algorithm on, the body
		// then waits for the client's delayed ACK, about 40 ms a request. Read once, when the first server starts.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final Map<String, Queue<Fault>> faults = new ConcurrentHashMap<>();

	private final Queue<String> refusals = new ConcurrentLinkedQueue<>();

	private final AtomicLong streamed = new AtomicLong(-1);

	/** The site icon every fake serves, as every real provider has one. */
	public static final String FAVICON = "favicon";

	/** @param port the port to listen on, 0 for any free one */
	protected FakeServer(int port) {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on port " + port, ex);
		}
		this.executor = Executors.newFixedThreadPool(16);
		this.server.setExecutor(this.executor);
		// Browsers ask every site for its icon; a real provider has one, and a 404 would be an error in the console.
		route(FAVICON, "/favicon.ico", (request) -> defaultPicture());
	}

	/** Registers a handler for an exact path. Call from the subclass constructor, then {@link #start()}. */
	protected final void route(String endpoint, String path, Handler handler) {
		this.server.createContext(path, (exchange) -> {
			try (exchange) {
				if (!exchange.getRequestURI().getPath().equals(path)) {
					send(exchange, Response.text(404, "not found"));
					return;
				}
				this.calls.computeIfAbsent(endpoint, (key) -> new AtomicInteger()).incrementAndGet();
				Request request = Request.read(exchange);
				Fault fault = nextFault(endpoint);
				if (fault != null) {
					if (fault.delay() != null) {
						sleep(fault.delay());
					}
					if (fault.stream() != null) {
						this.streamed.set(fault.stream().send(exchange));
						return;
					}
					if (fault.response() != null) {
						send(exchange, fault.response());
						return;
					}
				}
				send(exchange, handler.handle(request));
			}
			catch (RuntimeException ex) {
				refused(endpoint + ": handler failed: " + ex);
				try {
					send(exchange, Response.text(500, "fake failed: " + ex));
				}
				catch (IOException ignored) {
					// the client went away
				}
			}
		});
	}

	protected final void start() {
		this.server.start();
	}

	/** {@code http://127.0.0.1:<port>} */
	public final URI baseUri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public final int port() {
		return this.server.getAddress().getPort();
	}

	/** How many requests reached this endpoint (faulted ones included). */
	public final int calls(String endpoint) {
		AtomicInteger count = this.calls.get(endpoint);
		return (count != null) ? count.get() : 0;
	}

	/** Calls per endpoint, for assertions and diagnostics. */
	public final Map<String, Integer> calls() {
		Map<String, Integer> snapshot = new LinkedHashMap<>();
		this.calls.forEach((endpoint, count) -> snapshot.put(endpoint, count.get()));
		return snapshot;
	}

	/** The next call to this endpoint gets this fault instead of (or, for a delay only, before) its answer. */
	public final void failNext(String endpoint, Fault fault) {
		this.faults.computeIfAbsent(endpoint, (key) -> new ConcurrentLinkedQueue<>()).add(fault);
	}

	/** Why requests were refused, oldest first: what a real provider would have refused too. */
	public final List<String> refusals() {
		return Collections.unmodifiableList(new ArrayList<>(this.refusals));
	}

	/** Records a refusal; subclasses call it whenever they refuse a request. */
	protected final void refused(String why) {
		this.refusals.add(why);
	}

	/**
	 * How many bytes of body the last streamed fault ({@link Fault#oversize}, {@link Fault#drip}) got out before the
	 * client stopped reading or it was done; -1 before any.
	 */
	public final long streamedBytes() {
		return this.streamed.get();
	}

	/** Forgets counts, faults and refusals (not issued codes or tokens). */
	public void reset() {
		this.streamed.set(-1);
		this.calls.clear();
		this.faults.clear();
		this.refusals.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private Fault nextFault(String endpoint) {
		Queue<Fault> queue = this.faults.get(endpoint);
		return (queue != null) ? queue.poll() : null;
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void send(HttpExchange exchange, Response response) throws IOException {
		response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		if (response.contentType() != null) {
			exchange.getResponseHeaders().set("Content-Type", response.contentType());
		}
		byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(response.status(), (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	/** Handles one request. */
	@FunctionalInterface
	protected interface Handler {

		Response handle(Request request);

	}

	/**
	 * A parsed request.
	 * @param method GET, POST, …
	 * @param uri the request URI as sent (path and raw query)
	 * @param headers header values by lower-case name (first value)
	 * @param query decoded query parameters, in order (repeated names kept)
	 * @param form decoded form body parameters when the body is {@code application/x-www-form-urlencoded}
	 * @param rawBody the body as text
	 */
	public record Request(String method, URI uri, Map<String, String> headers, List<Map.Entry<String, String>> query,
			List<Map.Entry<String, String>> form, String rawBody) {

		static Request read(HttpExchange exchange) throws IOException {
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
					values.isEmpty() ? "" : values.get(0)));
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				ByteArrayOutputStream buffer = new ByteArrayOutputStream();
				in.transferTo(buffer);
				body = buffer.toString(StandardCharsets.UTF_8);
			}
			String contentType = headers.getOrDefault("content-type", "");
			List<Map.Entry<String, String>> form = contentType.toLowerCase(java.util.Locale.ROOT)
				.startsWith("application/x-www-form-urlencoded") ? parseForm(body) : List.of();
			URI uri = exchange.getRequestURI();
			return new Request(exchange.getRequestMethod(), uri, headers, parseForm(uri.getRawQuery()), form, body);
		}

		/** The first value of a query or form parameter, or null. */
		public String param(String name) {
			for (List<Map.Entry<String, String>> source : List.of(this.query, this.form)) {
				for (Map.Entry<String, String> entry : source) {
					if (entry.getKey().equals(name)) {
						return entry.getValue();
					}
				}
			}
			return null;
		}

		public String header(String name) {
			return this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
		}

		/** Parses {@code application/x-www-form-urlencoded} text ({@code +} is a space). */
		public static List<Map.Entry<String, String>> parseForm(String text) {
			List<Map.Entry<String, String>> entries = new ArrayList<>();
			if (text == null || text.isEmpty()) {
				return entries;
			}
			for (String pair : text.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = (equals < 0) ? pair : pair.substring(0, equals);
				String value = (equals < 0) ? "" : pair.substring(equals + 1);
				entries.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8),
						URLDecoder.decode(value, StandardCharsets.UTF_8)));
			}
			return entries;
		}

	}

	/**
	 * An answer.
	 * @param status the HTTP status
	 * @param contentType the Content-Type, or null for none
	 * @param headers further headers
	 * @param body the body text (UTF-8)
	 */
	public record Response(int status, String contentType, Map<String, String> headers, String body) {

		public static Response json(int status, String body) {
			return new Response(status, "application/json; charset=UTF-8", Map.of(), body);
		}

		public static Response html(int status, String body) {
			return new Response(status, "text/html; charset=UTF-8", Map.of(), body);
		}

		public static Response text(int status, String body) {
			return new Response(status, "text/plain; charset=UTF-8", Map.of(), body);
		}

		public static Response redirect(String location) {
			return new Response(302, null, Map.of("Location", location), "");
		}

	}

	/**
	 * A scripted misbehaviour for the next call to an endpoint.
	 * @param delay how long to stall first, or null
	 * @param response what to answer instead of the real answer, or null to answer normally after the delay
	 * @param stream an answer written bit by bit instead (too large, or too slow), or null
	 */
	public record Fault(Duration delay, Response response, StreamedAnswer stream) {

		public static Fault answer(Response response) {
			return new Fault(null, response, null);
		}

		public static Fault stall(Duration delay) {
			return new Fault(delay, null, null);
		}

		/**
		 * A 200 JSON answer of this many bytes, as fast as the client reads, with a {@code Content-Length} or chunked
		 * without one: white space (which JSON allows before a value, so that a reader expecting an object and one
		 * expecting an array both keep reading) that never gets to its value.
		 */
		public static Fault oversize(long bytes, boolean declareLength) {
			return new Fault(null, null, (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
				exchange.sendResponseHeaders(200, declareLength ? bytes : 0);
				byte[] chunk = new byte[64 * 1024];
				java.util.Arrays.fill(chunk, (byte) ' ');
				long sent = 0;
				try (OutputStream out = exchange.getResponseBody()) {
					while (sent < bytes) {
						int length = (int) Math.min(chunk.length, bytes - sent);
						out.write(chunk, 0, length);
						sent += length;
					}
				}
				catch (IOException ex) {
					// the client stopped reading: that is the point
				}
				return sent;
			});
		}

		/**
		 * A 200 JSON answer dripped one byte at a time, a byte every {@code every}, chunked: headers at once, then
		 * a body that would take {@code bytes} times {@code every} to arrive.
		 */
		public static Fault drip(Duration every, int bytes) {
			return new Fault(null, null, (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
				exchange.sendResponseHeaders(200, 0);
				long sent = 0;
				try (OutputStream out = exchange.getResponseBody()) {
					out.write('{');
					out.flush();
					sent++;
					while (sent < bytes) {
						sleep(every);
						if (Thread.currentThread().isInterrupted()) {
							break;
						}
						out.write(' ');
						out.flush();
						sent++;
					}
				}
				catch (IOException ex) {
					// the client gave up: that is the point
				}
				return sent;
			});
		}

	}

	/** Writes a whole answer itself; returns how many bytes of body got out. */
	@FunctionalInterface
	public interface StreamedAnswer {

		long send(HttpExchange exchange) throws IOException;

	}

	/**
	 * The default profile picture every fake gives a person without one of their own: a grey silhouette, served by
	 * the fake itself, so that it shows without the internet.
	 */
	protected static Response defaultPicture() {
		String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50\" height=\"50\" viewBox=\"0 0 50 50\">"
				+ "<rect width=\"50\" height=\"50\" fill=\"#c9ccd1\"/>"
				+ "<circle cx=\"25\" cy=\"19\" r=\"9\" fill=\"#fff\"/>"
				+ "<path d=\"M8 50c0-11 8-18 17-18s17 7 17 18z\" fill=\"#fff\"/></svg>";
		return new Response(200, "image/svg+xml; charset=UTF-8", Map.of("Cache-Control", "max-age=86400"), svg);
	}

	/** Escapes text for HTML element content and quoted attribute values. */
	public static String html(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	/** Percent-encodes a query or form value (UTF-8, space as %20). */
	public static String urlEncode(String value) {
		return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
