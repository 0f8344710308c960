package io.github.oauthsignin.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * What strangers send, at volume: anonymous visits of the home page (new browsers, no cookies), and sign-ins started
 * and abandoned at the provider, each from a browser of its own, from many client addresses (sent as
 * {@code X-Forwarded-For}: the app must trust this machine as its proxy). Requests go out on a few threads over one
 * HTTP client; answers are counted by status, never followed. Used by the flood test of the packaged jar and by the
 * bench's full-size measurement ({@code bench/flood.sh}).
 */
public final class Flood {

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final List<URI> apps;

	private final int threads;

	/**
	 * @param apps the app's base URLs, such as {@code http://localhost:8080}; requests take turns among them (the
	 * instances behind one proxy)
	 * @param threads how many requests are in flight at once
	 */
	public Flood(List<URI> apps, int threads) {
		this.apps = List.copyOf(apps);
		this.threads = threads;
	}

	/** {@code GET /} by as many new visitors: no cookie, nothing but what a browser sends. */
	public Statuses anonymousVisits(int visits) {
		return run(visits, (i) -> HttpRequest.newBuilder(app(i).resolve("/"))
			.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
			.header("X-Forwarded-For", address(i, Math.max(1, visits / 100)))
			.GET());
	}

	/**
	 * {@code POST /authorize/{provider}} as the home page's button does, by new browsers that never come back from
	 * the provider: start {@code i} comes from address {@code i % addresses}, so each address starts
	 * {@code starts / addresses} (keep that under the brake's 20 a minute to flood the store rather than the brake).
	 */
	public Statuses abandonedStarts(String provider, int starts, int addresses) {
		return run(starts, (i) -> HttpRequest.newBuilder(app(i).resolve("/authorize/" + provider))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Origin", origin(app(i)))
			.header("Sec-Fetch-Site", "same-origin")
			.header("X-Forwarded-For", address(i, addresses))
			.POST(HttpRequest.BodyPublishers.ofString("")));
	}

	private URI app(int i) {
		return this.apps.get(i % this.apps.size());
	}

	/** The client address of request i among so many: 10.x.y.z, all different up to 16 million. */
	static String address(int i, int addresses) {
		int n = i % addresses;
		return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
	}

	private static String origin(URI app) {
		return app.getScheme() + "://" + app.getHost() + ((app.getPort() >= 0) ? ":" + app.getPort() : "");
	}

	private Statuses run(int count, IntFunction<HttpRequest.Builder> request) {
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		AtomicInteger next = new AtomicInteger();
		ExecutorService workers = Executors.newFixedThreadPool(this.threads);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int t = 0; t < this.threads; t++) {
				running.add(workers.submit(() -> {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						int status = send(request.apply(i).timeout(Duration.ofSeconds(30)).build());
						statuses.computeIfAbsent(status, (key) -> new AtomicInteger()).incrementAndGet();
					}
					return null;
				}));
			}
			for (Future<?> worker : running) {
				worker.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			workers.shutdownNow();
		}
		Map<Integer, Integer> counted = new TreeMap<>();
		statuses.forEach((status, n) -> counted.put(status, n.get()));
		return new Statuses(counted);
	}

	/** The status of the answer, or -1 when there was none (refused, reset, timed out). */
	private int send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * How many answers had each status ({@code -1}: no answer).
	 * @param counts by status
	 */
	public record Statuses(Map<Integer, Integer> counts) {

		/** How many answers had this status. */
		public int of(int status) {
			return this.counts.getOrDefault(status, 0);
		}

		/** How many requests were sent. */
		public int total() {
			return this.counts.values().stream().mapToInt(Integer::intValue).sum();
		}

		@Override
		public String toString() {
			return this.counts.toString();
		}

	}

}
