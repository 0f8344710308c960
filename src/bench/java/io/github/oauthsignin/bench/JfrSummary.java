package io.github.oauthsignin.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the app's CPU goes, from a JFR recording's execution samples: async-profiler is not at hand, JFR is in
 * every JDK. Two views of the same samples:
 * <ul>
 * <li><b>by library</b>: the innermost frame that is not plain JDK plumbing ({@code java.util}, reflection, NIO…)
 * names the library that was working: Thymeleaf, H2, Hibernate, Spring Security, Tomcat…;</li>
 * <li><b>by purpose</b>: what the work was for, whichever library did it: everything under Spring Session's
 * repository is the session store (its SQL, H2, Java serialization), everything under Hibernate or the user
 * registration is the users table, under Thymeleaf page rendering, under the HTTP client the calls to the
 * provider; the rest falls back to the library.</li>
 * </ul>
 * JFR samples threads running Java code only: GC and JIT threads are not in it (the load driver's per-thread CPU
 * shows them). Usage: {@code JfrSummary recording.jfr [--cpu-per MS] [--last SECONDS]}: the app's CPU milliseconds
 * per sign-in during the recording, to turn shares into milliseconds; only the samples of the last SECONDS.
 */
public final class JfrSummary {

	/** Frames that say nothing about who works: the JDK's plumbing. Checked after the rules below. */
	private static final List<String> PLUMBING = List.of("java.", "jdk.internal.misc.", "jdk.internal.reflect.",
			"jdk.internal.loader.", "jdk.internal.util.", "jdk.internal.vm.", "jdk.proxy", "sun.nio.", "sun.invoke.",
			"sun.reflect.", "com.sun.proxy.", "sun.net.", "sun.util.", "sun.launcher.", "jdk.internal.icu.");

	/** Class name prefix to library; the first match wins, so specific prefixes come first. */
	private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

	static {
		LIBRARIES.put("java.io.ObjectOutputStream", "Java serialization");
		LIBRARIES.put("java.io.ObjectInputStream", "Java serialization");
		LIBRARIES.put("java.io.ObjectStreamClass", "Java serialization");
		LIBRARIES.put("java.io.ObjectStreamField", "Java serialization");
		LIBRARIES.put("javax.crypto.", "Crypto (JCA: SecureRandom, HMAC, SHA)");
		LIBRARIES.put("com.sun.crypto.", "Crypto (JCA: SecureRandom, HMAC, SHA)");
		LIBRARIES.put("sun.security.", "Crypto (JCA: SecureRandom, HMAC, SHA)");
		LIBRARIES.put("java.security.SecureRandom", "Crypto (JCA: SecureRandom, HMAC, SHA)");
		LIBRARIES.put("java.security.MessageDigest", "Crypto (JCA: SecureRandom, HMAC, SHA)");
		LIBRARIES.put("java.util.regex.", "Regular expressions");
		LIBRARIES.put("org.h2.", "H2 database");
		LIBRARIES.put("com.zaxxer.hikari.", "HikariCP");
		LIBRARIES.put("org.hibernate.", "Hibernate ORM");
		LIBRARIES.put("org.springframework.data.", "Spring Data JPA");
		LIBRARIES.put("org.springframework.orm.", "Spring ORM and transactions");
		LIBRARIES.put("org.springframework.transaction.", "Spring ORM and transactions");
		LIBRARIES.put("org.springframework.session.", "Spring Session");
		LIBRARIES.put("org.springframework.jdbc.", "Spring JDBC");
		LIBRARIES.put("org.thymeleaf.", "Thymeleaf (with SpEL)");
		LIBRARIES.put("org.attoparser.", "Thymeleaf (with SpEL)");
		LIBRARIES.put("org.unbescape.", "Thymeleaf (with SpEL)");
		LIBRARIES.put("org.springframework.expression.", "Thymeleaf (with SpEL)");
		LIBRARIES.put("org.springframework.security.", "Spring Security");
		LIBRARIES.put("org.springframework.web.", "Spring MVC and web");
		LIBRARIES.put("org.springframework.http.", "Spring MVC and web");
		LIBRARIES.put("org.springframework.", "Spring core (beans, AOP, util)");
		LIBRARIES.put("org.apache.catalina.", "Tomcat");
		LIBRARIES.put("org.apache.coyote.", "Tomcat");
		LIBRARIES.put("org.apache.tomcat.", "Tomcat");
		LIBRARIES.put("jdk.internal.net.http.", "JDK HttpClient");
		LIBRARIES.put("java.net.http.", "JDK HttpClient");
		LIBRARIES.put("tools.jackson.", "Jackson");
		LIBRARIES.put("com.fasterxml.jackson.", "Jackson");
		LIBRARIES.put("ch.qos.logback.", "Logging");
		LIBRARIES.put("org.slf4j.", "Logging");
		LIBRARIES.put("org.apache.logging.", "Logging");
		LIBRARIES.put("io.github.oauthsignin.", "The app's own code");
		LIBRARIES.put("io.github.stockoauth2login.", "The app's own code");
		LIBRARIES.put("jakarta.", "Jakarta APIs");
	}

	/** Frame class prefix (anywhere in the stack) to purpose; the first rule that matches wins. */
	private static final Map<String, String> PURPOSES = new LinkedHashMap<>();

	static {
		// Not the filters (SessionRepositoryFilter, RememberMeAuthenticationFilter): every request runs under them.
		PURPOSES.put("org.springframework.session.jdbc.", "Session store: Spring Session JDBC (its SQL, H2, serialization)");
		PURPOSES.put("org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl",
				"Remember-me tokens");
		PURPOSES.put("io.github.oauthsignin.user.", "Users table: JPA, Hibernate, H2");
		PURPOSES.put("org.hibernate.", "Users table: JPA, Hibernate, H2");
		PURPOSES.put("org.springframework.data.", "Users table: JPA, Hibernate, H2");
		PURPOSES.put("org.thymeleaf.", "Page rendering: Thymeleaf");
		PURPOSES.put("org.springframework.web.client.", "Calls to the provider: RestClient, JDK HttpClient, JSON");
		PURPOSES.put("org.springframework.security.oauth2.client.endpoint.",
				"Calls to the provider: RestClient, JDK HttpClient, JSON");
		PURPOSES.put("org.springframework.security.oauth2.client.userinfo.",
				"Calls to the provider: RestClient, JDK HttpClient, JSON");
		PURPOSES.put("jdk.internal.net.http.", "Calls to the provider: RestClient, JDK HttpClient, JSON");
		PURPOSES.put("sun.net.www.protocol.http.", "Calls to the provider: RestClient, JDK HttpClient, JSON");
		PURPOSES.put("ch.qos.logback.", "Logging");
	}

	private JfrSummary() {
	}

	public static void main(String[] args) throws IOException {
		Path recording = Path.of(args[0]);
		double cpuPer = Double.NaN;
		long lastSeconds = 0;
		for (int i = 1; i < args.length; i++) {
			if (args[i].equals("--cpu-per")) {
				cpuPer = Double.parseDouble(args[++i]);
			}
			else if (args[i].equals("--last")) {
				lastSeconds = Long.parseLong(args[++i]);
			}
		}
		// A dump holds whole chunks, start-up included: keep the samples of the measured window only, which ends
		// with the last sample (the app is idle after it).
		Instant since = (lastSeconds > 0) ? latestSample(recording).minusSeconds(lastSeconds) : Instant.MIN;
		Map<String, Long> byLibrary = new HashMap<>();
		Map<String, Long> byPurpose = new HashMap<>();
		Map<String, Long> byMethod = new HashMap<>();
		Map<String, Long> byThread = new HashMap<>();
		long samples = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
					continue;
				}
				RecordedStackTrace stack = event.getStackTrace();
				if (stack == null || stack.getFrames().isEmpty() || event.getStartTime().isBefore(since)) {
					continue;
				}
				samples++;
				List<RecordedFrame> frames = stack.getFrames();
				String library = library(frames);
				byLibrary.merge(library, 1L, Long::sum);
				byPurpose.merge(purpose(frames, library), 1L, Long::sum);
				RecordedFrame top = frames.get(0);
				byMethod.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
				String thread = (event.getThread("sampledThread") != null)
						? event.getThread("sampledThread").getJavaName() : "?";
				byThread.merge(ProcStat.threadGroup((thread != null) ? thread : "?"), 1L, Long::sum);
			}
		}
		System.out.printf(Locale.ROOT, "%nJFR execution samples: %d (Java code only; GC and JIT threads are not "
				+ "sampled)%n", samples);
		print("By purpose (what the CPU was spent for)", byPurpose, samples, cpuPer);
		print("By library (the innermost frame that is not JDK plumbing)", byLibrary, samples, cpuPer);
		print("By thread", byThread, samples, Double.NaN);
		print("Hottest methods (self)", byMethod, samples, Double.NaN, 20);
	}

	private static Instant latestSample(Path recording) throws IOException {
		Instant latest = Instant.MIN;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (event.getEventType().getName().equals("jdk.ExecutionSample")
						&& event.getStartTime().isAfter(latest)) {
					latest = event.getStartTime();
				}
			}
		}
		return latest;
	}

	static String library(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			for (Map.Entry<String, String> rule : LIBRARIES.entrySet()) {
				if (type.startsWith(rule.getKey())) {
					return rule.getValue();
				}
			}
			if (!isPlumbing(type)) {
				String[] parts = type.split("\\.");
				return (parts.length > 2) ? parts[0] + "." + parts[1] + "." + parts[2] : type;
			}
		}
		return "JDK (other)";
	}

	static String purpose(List<RecordedFrame> frames, String library) {
		for (Map.Entry<String, String> rule : PURPOSES.entrySet()) {
			for (RecordedFrame frame : frames) {
				if (frame.getMethod().getType().getName().startsWith(rule.getKey())) {
					return rule.getValue();
				}
			}
		}
		return library;
	}

	private static boolean isPlumbing(String type) {
		for (String prefix : PLUMBING) {
			if (type.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private static void print(String title, Map<String, Long> counts, long total, double cpuPer) {
		print(title, counts, total, cpuPer, 25);
	}

	private static void print(String title, Map<String, Long> counts, long total, double cpuPer, int limit) {
		System.out.printf(Locale.ROOT, "%n%s%n", title);
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(limit)
			.forEach((entry) -> {
				double share = 100.0 * entry.getValue() / Math.max(1, total);
				String ms = Double.isNaN(cpuPer) ? "" : String.format(Locale.ROOT, "  ~%5.2f ms/sign-in",
						cpuPer * share / 100);
				System.out.printf(Locale.ROOT, "  %5.1f%%%s  %s%n", share, ms, entry.getKey());
			});
	}

}
