package io.github.oauthsignin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.github.oauthsignin.bench.LoadDriver.OurFlow;
import io.github.oauthsignin.bench.LoadDriver.Person;
import io.github.oauthsignin.support.Flood;

/**
 * The memory bound under a flood (issue 22), for {@code bench/flood.sh}: a person signs in, then the app gets
 * {@code --visits} anonymous visits of its home page, then {@code --starts} sign-ins started from {@code --addresses}
 * client addresses (as {@code X-Forwarded-For}; each under the brake) and abandoned at the provider; after each
 * step the app's heap in use after a full collection ({@code jcmd GC.run}, then {@code jstat -gc}) and its resident
 * memory. At the end an honest person signs in and the first one must still be signed in: nothing lost.
 * <p>
 * Usage: {@code FloodDriver --app URL --app-pid PID --facebook URL [--visits N] [--starts N] [--addresses N]
 * [--threads N] [--results FILE]}. Prints a block for people and one {@code FLOOD} line per step (to the results file
 * too).
 */
public final class FloodDriver {

	private final URI app;

	private final long appPid;

	private final URI facebook;

	private final Path results;

	private FloodDriver(URI app, long appPid, URI facebook, Path results) {
		this.app = app;
		this.appPid = appPid;
		this.facebook = facebook;
		this.results = results;
	}

	public static void main(String[] args) throws Exception {
		URI app = null;
		URI facebook = null;
		long appPid = 0;
		int visits = 1_000_000;
		int starts = 100_000;
		int addresses = 10_000;
		int threads = 8;
		Path results = null;
		for (int i = 0; i + 1 < args.length; i += 2) {
			String value = args[i + 1];
			switch (args[i]) {
				case "--app" -> app = URI.create(value);
				case "--app-pid" -> appPid = Long.parseLong(value);
				case "--facebook" -> facebook = URI.create(value);
				case "--visits" -> visits = Integer.parseInt(value);
				case "--starts" -> starts = Integer.parseInt(value);
				case "--addresses" -> addresses = Integer.parseInt(value);
				case "--threads" -> threads = Integer.parseInt(value);
				case "--results" -> results = Path.of(value);
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		if (app == null || facebook == null || appPid == 0) {
			throw new IllegalArgumentException("--app, --app-pid and --facebook are required");
		}
		new FloodDriver(app, appPid, facebook, results).run(visits, starts, addresses, threads);
	}

	private void run(int visits, int starts, int addresses, int threads) throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		VirtualBrowser before = signIn(client, "900000001");
		step("signed-in", 0, 0, "");

		Flood flood = new Flood(List.of(this.app), threads);
		long start = System.nanoTime();
		Flood.Statuses visited = flood.anonymousVisits(visits);
		step("visits", visits, System.nanoTime() - start, "statuses=" + compact(visited));
		expect(visited.of(200) == visits, "every visit answered 200: " + visited);

		start = System.nanoTime();
		Flood.Statuses started = flood.abandonedStarts("facebook", starts, addresses);
		step("starts", starts, System.nanoTime() - start, "addresses=" + addresses + " statuses=" + compact(started));
		expect(started.of(302) == starts, "every start answered 302 (none refused by the brake): " + started);

		signIn(client, "900000002");
		HttpResponse<String> still = before.get(this.app.resolve("/"));
		expect(still.statusCode() == 200 && still.body().contains(BenchProviders.name("900000001")),
				"the person signed in before the flood is still signed in");
		step("after", 0, 0, "honest_sign_in=ok first_still_signed_in=ok");
	}

	/** A person signs in with Facebook, as the load driver's browsers do; the browser stays signed in. */
	private VirtualBrowser signIn(HttpClient client, String id) throws IOException, InterruptedException {
		VirtualBrowser browser = new VirtualBrowser(client);
		browser.setCookie(this.facebook, BenchProviders.PERSON_COOKIE, id);
		new OurFlow("facebook").signIn(browser, this.app,
				new Person(id, true, "Hi, " + BenchProviders.name(id) + "!"));
		return browser;
	}

	/** One line for this step: its count, time, and the app's memory after a full collection. */
	private void step(String name, int count, long nanos, String extra) throws IOException, InterruptedException {
		double heapMb = heapAfterFullCollectionMb();
		double seconds = nanos / 1e9;
		String line = String.format(Locale.ROOT, "FLOOD step=%s count=%d seconds=%.1f per_second=%.0f heap_mb=%.1f "
				+ "rss_mb=%d %s", name, count, seconds, (seconds > 0) ? count / seconds : 0, heapMb, rssMb(), extra)
			.strip();
		System.out.println(line);
		if (this.results != null) {
			Files.writeString(this.results, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
	}

	/** The heap in use right after a full collection, in MB: jcmd GC.run, then the used columns of jstat -gc. */
	private double heapAfterFullCollectionMb() throws IOException, InterruptedException {
		jdkTool("jcmd", Long.toString(this.appPid), "GC.run");
		List<String> gc = jdkTool("jstat", "-gc", Long.toString(this.appPid)).lines().toList();
		String[] names = gc.get(0).trim().split("\\s+");
		String[] values = gc.get(1).trim().split("\\s+");
		double usedKb = 0;
		for (int i = 0; i < names.length; i++) {
			if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
				usedKb += Double.parseDouble(values[i]);
			}
		}
		return usedKb / 1024;
	}

	private long rssMb() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + this.appPid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
			}
		}
		return -1;
	}

	private static String jdkTool(String tool, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(tool + " failed: " + output);
		}
		return output;
	}

	private static String compact(Flood.Statuses statuses) {
		return statuses.counts().toString().replace(" ", "");
	}

	private static void expect(boolean condition, String what) {
		if (!condition) {
			throw new IllegalStateException("Expected " + what);
		}
	}

}
