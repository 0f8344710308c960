package io.github.oauthsignin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.support.Directories;
import io.github.oauthsignin.support.Flood;
import io.github.oauthsignin.support.JarProcess;
import io.github.oauthsignin.support.StandInProviders;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, with the documented small heap ({@code -Xmx256m}) and exit on running out of it, under a flood
 * of anonymous visits and of sign-ins started from many client addresses (each under the brake) and abandoned: it
 * keeps answering, nobody gets a session for it, started sign-ins stay within their cap (oldest out first), an
 * honest sign-in works during and after, and the person signed in before the flood still is. A size that fits in CI;
 * the full size is the bench's ({@code bench/flood.sh}). Run by Failsafe after {@code package}.
 */
class FloodJarTests {

	private static final int VISITS = 20_000;

	private static final int STARTS = 6_000;

	private static final int ADDRESSES = 600;

	private static final int MAX_PENDING = 2_000;

	private static StandInProviders standIns;

	private static FakeFacebook facebook;

	private static Path workDirectory;

	private static JarProcess app;

	@BeforeAll
	static void startProvidersAndJar() throws Exception {
		standIns = StandInProviders.facebookAndTwitter("flood-app", "flood-app-secret", "flood-consumer",
				"flood-consumer-secret");
		facebook = standIns.fake("facebook", FakeFacebook.class);
		workDirectory = Files.createTempDirectory("signin-flood");
		List<String> arguments = new ArrayList<>(StandInProviders.arguments(standIns.settings()));
		// The flood's addresses come as X-Forwarded-For from this machine, trusted as the proxy; metrics on, to count.
		// Sessions written at a stop go to this test's own folder (a relative one is the jar's, shared with other runs).
		arguments.add("--server.servlet.session.store-dir=" + workDirectory.resolve("sessions"));
		arguments.addAll(List.of("--server.forward-headers-strategy=native",
				"--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1",
				"--signin.pending.max-total=" + MAX_PENDING, "--management.prometheus.metrics.export.enabled=true"));
		app = new JarProcess(workDirectory, standIns.credentialVariables(), arguments);
		app.start();
		standIns.allowCallbacksAt(app.baseUri());
	}

	@AfterAll
	static void stopEverything() throws IOException, InterruptedException {
		app.stop();
		standIns.close();
		Directories.deleteRecursively(workDirectory);
	}

	@Test
	void floodOfVisitsAndAbandonedStartsFromManyAddressesLeavesTheAppServingBoundedAndLosingNothing() throws Exception {
		TestBrowser before = browser();
		facebook.nextPerson(new FakePerson("9301", "Before Bea", "x", null, null));
		assertThat(before.pressAndFollow(before.open("/"), "Sign in with Facebook").greeting())
			.contains("Hi, Before Bea!");

		Flood flood = new Flood(List.of(URI.create(app.baseUri())), 8);
		Flood.Statuses visits = flood.anonymousVisits(VISITS);
		Flood.Statuses starts = flood.abandonedStarts("facebook", STARTS, ADDRESSES);
		facebook.nextPerson(new FakePerson("9302", "Honest Hal", "x", null, null));
		TestBrowser honest = browser();
		String callback = honest.callbackFor("/", "Facebook");
		flood.abandonedStarts("facebook", MAX_PENDING / 2, ADDRESSES);

		assertThat(visits.of(200)).as("visits answered %s", visits).isEqualTo(VISITS);
		assertThat(starts.of(302)).as("starts answered %s", starts).isEqualTo(STARTS);
		assertThat(honest.follow(honest.get(callback)).greeting()).as("started in the flood, finished after it")
			.contains("Hi, Honest Hal!");
		assertThat(before.open("/").greeting()).as("signed in before the flood").contains("Hi, Before Bea!");
		assertThat(browser().get("/healthz").statusCode()).isEqualTo(200);

		Map<String, Double> metrics = metricsAfterAFullCollection();
		assertThat(metrics.get("tomcat_sessions_created_sessions_total")).as("Bea's and Hal's sessions").isEqualTo(2);
		assertThat(metrics.get("tomcat_sessions_active_current_sessions")).isEqualTo(2);
		assertThat(metrics.get("signin_pending_attempts")).isLessThanOrEqualTo(MAX_PENDING);
		assertThat(metrics.get("signin_pending_dropped_total{reason=\"capacity\"}"))
			.isGreaterThanOrEqualTo(STARTS + MAX_PENDING / 2 + 1 - MAX_PENDING);
		double heapMb = metrics.get("heap") / 1024 / 1024;
		System.out.printf("Flood of %d visits and %d starts from %d addresses: %.1f MB of heap in use after a full "
				+ "collection; %.0f started sign-ins kept, %.0f dropped (the oldest); %.0f sessions made%n", VISITS, STARTS,
				ADDRESSES, heapMb, metrics.get("signin_pending_attempts"),
				metrics.get("signin_pending_dropped_total{reason=\"capacity\"}"),
				metrics.get("tomcat_sessions_created_sessions_total"));
		assertThat(heapMb).as("heap in use after a full collection, of 256 MB").isLessThan(160);
		assertThat(app.isAlive()).isTrue();
		assertThat(app.logs()).doesNotContain("OutOfMemoryError").doesNotContain("Exception");
	}

	/** Asks the JVM for a full collection (jcmd), then reads the metrics this test needs from Prometheus. */
	private static Map<String, Double> metricsAfterAFullCollection() throws Exception {
		Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(app.pid()), "GC.run").redirectErrorStream(true).start();
		assertThat(gc.waitFor(60, TimeUnit.SECONDS)).isTrue();
		HttpResponse<String> scrape = browser().get(app.managementUri() + "/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		Map<String, Double> metrics = new TreeMap<>();
		double heap = 0;
		Pattern line = Pattern.compile("^([a-z_]+(?:\\{[^}]*\\})?) ([0-9.Ee+-]+)$");
		for (String text : scrape.body().lines().toList()) {
			Matcher matcher = line.matcher(text);
			if (!matcher.matches()) {
				continue;
			}
			String name = matcher.group(1).replaceAll(",?application=\"[^\"]*\"", "").replace("{}", "");
			double value = Double.parseDouble(matcher.group(2));
			if (name.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
				heap += value;
			}
			metrics.put(name, value);
		}
		metrics.put("heap", heap);
		return metrics;
	}

	private static TestBrowser browser() {
		return new TestBrowser(URI.create(app.baseUri() + "/"));
	}

}
