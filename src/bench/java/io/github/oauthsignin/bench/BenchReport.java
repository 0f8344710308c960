package io.github.oauthsignin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a run's {@code results.txt} (the {@code RESULT}, {@code STARTUP}, {@code MACHINE} and {@code PROVIDER} lines
 * that {@code bench/run.sh} and the {@link LoadDriver} wrote) into the Markdown table of {@code bench/README.md},
 * the targets met or missed, and the one {@code SUMMARY} line the run ends with. Kept apart from the driver so that
 * a table can be made again from an old run's results.
 */
public final class BenchReport {

	private final List<Map<String, String>> lines = new ArrayList<>();

	private BenchReport(List<String> text) {
		for (String line : text) {
			String[] words = line.strip().split(" ");
			if (words.length < 2) {
				continue;
			}
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put("type", words[0]);
			for (int i = 1; i < words.length; i++) {
				int equals = words[i].indexOf('=');
				if (equals > 0) {
					fields.put(words[i].substring(0, equals), words[i].substring(equals + 1));
				}
				else if (words[0].equals("PROVIDER") && i == 1) {
					fields.put("name", words[i]);
				}
			}
			this.lines.add(fields);
		}
	}

	public static void main(String[] args) throws IOException {
		new BenchReport(Files.readAllLines(Path.of(args[0]))).print();
	}

	private void print() {
		Optional<Map<String, String>> machine = first("MACHINE", Map.of());
		System.out.println();
		System.out.println("## Results");
		System.out.println();
		machine.ifPresent((m) -> System.out.printf(Locale.ROOT, "Machine: %s cores, %s; load average at the start %s.%n",
				m.get("cores"), m.get("java").replace('_', ' '), slashes(m.get("load"))));
		System.out.println();
		System.out.println("| run | users | sign-ins/s | sign-in p50 / p95 / p99 | callback p50 / p95 / p99 "
				+ "| app CPU per sign-in | same without JIT | errors | app RSS after | load average |");
		System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
		Optional<Map<String, String>> facebook = result("ours", "facebook");
		Optional<Map<String, String>> twitter = result("ours", "twitter");
		Optional<Map<String, String>> stock = result("stock", "stock-facebook");
		List<Map<String, String>> growthRuns = this.lines.stream()
			.filter((line) -> line.get("type").equals("RESULT") && line.get("label").matches("ours-[0-9]+-users"))
			.sorted((a, b) -> Long.compare(Long.parseLong(a.get("users")), Long.parseLong(b.get("users"))))
			.toList();
		Optional<Map<String, String>> growthBase = growthRuns.stream().findFirst();
		Optional<Map<String, String>> growth = growthRuns.stream().reduce((a, b) -> b)
			.filter((g) -> growthRuns.size() > 1);
		row("ours, Facebook", facebook);
		row("ours, X (Twitter)", twitter);
		row("ours, OpenID Connect (Bench ID)", result("ours", "oidc"));
		row("stock oauth2Login, Facebook", stock);
		for (Map<String, String> run : growthRuns) {
			row("ours, Facebook, alone, " + thousands(run.get("users")) + " users", Optional.of(run));
		}
		Optional<Map<String, String>> home = result("ours", "home");
		Optional<Map<String, String>> stockHome = result("stock", "stock-home");
		home.ifPresent((h) -> homeRow("ours", h));
		stockHome.ifPresent((h) -> homeRow("stock", h));
		System.out.println();
		System.out.println("CPU per sign-in is the app process's user + system time (all threads: GC and JIT too) "
				+ "over the measured window, divided by the sign-ins completed in it; it includes the sign-out that "
				+ "follows each sign-in. \"Without JIT\" leaves out the JIT compiler threads, still busy after a "
				+ "short warm-up on a loaded machine.");
		for (Map<String, String> line : all("RESULT")) {
			if (List.of("facebook", "twitter", "oidc", "stock-facebook").contains(line.get("phase")) && !line.get("label").endsWith("-jfr-warm-up")) {
				System.out.printf(Locale.ROOT, "- %s %s: providers %s ms and driver %s ms CPU per sign-in beside "
						+ "the app's; callback p50 new people %s ms, returning %s ms; %s of %s sign-ins were "
						+ "registrations.%n", line.get("label"), line.get("phase"), line.get("providers_cpu_per"),
						line.get("driver_cpu_per"), line.get("cb_new_p50"), line.get("cb_returning_p50"),
						line.get("fresh"), line.get("count"));
			}
		}
		System.out.println();
		System.out.println("Start-up, from `java` to the first 200 of `/`:");
		for (Map<String, String> line : all("STARTUP")) {
			System.out.printf(Locale.ROOT, "- %s: %s ms wall, %s ms CPU, %s MB resident (load %s)%n",
					line.get("label"), line.get("ms"), line.get("cpu_ms"), line.get("rss_mb"),
					slashes(line.get("load")));
		}
		List<Map<String, String>> providers = all("PROVIDER");
		if (!providers.isEmpty()) {
			System.out.println();
			for (Map<String, String> line : providers) {
				System.out.printf(Locale.ROOT, "Fake %s: %s refusals.%n", line.get("name"), line.get("refusals"));
			}
		}
		System.out.println();
		targets(facebook, twitter, stock, growthBase, growth);
		System.out.println();
		System.out.println(summary(facebook, twitter, stock, growthBase, growth, home));
	}

	/** The targets of issue 15, each a ratio within this run. */
	private void targets(Optional<Map<String, String>> facebook, Optional<Map<String, String>> twitter,
			Optional<Map<String, String>> stock, Optional<Map<String, String>> growthBase,
			Optional<Map<String, String>> growth) {
		System.out.println("### Targets");
		System.out.println();
		String sessions = first("MACHINE", Map.of()).map((m) -> m.getOrDefault("sessions", "database"))
			.orElse("database");
		long errors = all("RESULT").stream().mapToLong((line) -> Long.parseLong(line.get("errors"))).sum();
		target("zero errors at " + facebook.map((f) -> f.get("browsers")).orElse("?") + " browsers", errors == 0,
				errors + " errors in all measured windows");
		if (facebook.isPresent() && stock.isPresent()) {
			boolean sameStore = sessions.equals("database");
			double limit = sameStore ? 0.8 : 1.0;
			double ratio = number(facebook.get(), "app_cpu_per") / number(stock.get(), "app_cpu_per");
			target(String.format(Locale.ROOT, "Facebook CPU per sign-in at most %.1fx the baseline's (%s)", limit,
					sameStore ? "both on Spring Session JDBC" : "each in its default configuration"),
					ratio <= limit,
					String.format(Locale.ROOT, "%s ms vs %s ms (%.2fx); without JIT %s vs %s ms (%.2fx)",
							facebook.get().get("app_cpu_per"), stock.get().get("app_cpu_per"), ratio,
							facebook.get().get("app_cpu_nojit_per"), stock.get().get("app_cpu_nojit_per"),
							number(facebook.get(), "app_cpu_nojit_per") / number(stock.get(), "app_cpu_nojit_per")));
		}
		Optional<Map<String, String>> oidc = result("ours", "oidc");
		for (Map.Entry<String, Optional<Map<String, String>>> other : List.of(Map.entry("OpenID Connect", oidc),
				Map.entry("X", twitter))) {
			if (facebook.isPresent() && other.getValue().isPresent()) {
				double ratio = number(other.getValue().get(), "app_cpu_per") / number(facebook.get(), "app_cpu_per");
				target(other.getKey() + " CPU per sign-in at most 1.2x Facebook's", ratio <= 1.2,
						String.format(Locale.ROOT, "%s ms vs %s ms (%.2fx)", other.getValue().get().get("app_cpu_per"),
								facebook.get().get("app_cpu_per"), ratio));
			}
		}
		Optional<Map<String, String>> oursStart = first("STARTUP", Map.of("label", "ours"));
		Optional<Map<String, String>> stockStart = first("STARTUP", Map.of("label", "stock"));
		if (oursStart.isPresent() && stockStart.isPresent()) {
			target("first page no later than the baseline's", number(oursStart.get(), "ms") <= number(stockStart.get(),
					"ms"), String.format(Locale.ROOT, "%s ms vs %s ms (%s ms vs %s ms CPU)", oursStart.get().get("ms"),
							stockStart.get().get("ms"), oursStart.get().get("cpu_ms"), stockStart.get().get("cpu_ms")));
		}
		if (growthBase.isPresent() && growth.isPresent()) {
			double ratio = number(growth.get(), "cb_p50") / number(growthBase.get(), "cb_p50");
			target("callback p50 at " + thousands(growth.get().get("users")) + " users within 1.2x of "
					+ thousands(growthBase.get().get("users")), ratio <= 1.2,
					String.format(Locale.ROOT, "%s ms vs %s ms (%.2fx); CPU per sign-in %s vs %s ms",
							growth.get().get("cb_p50"), growthBase.get().get("cb_p50"), ratio,
							growth.get().get("app_cpu_per"), growthBase.get().get("app_cpu_per")));
		}
		Optional<Map<String, String>> longRun = all("RESULT").stream()
			.filter((line) -> line.get("phase").equals("facebook") && Long.parseLong(line.get("count")) >= 100_000)
			.findFirst();
		if (longRun.isPresent()) {
			target("resident memory under 400 MB after " + thousands(longRun.get().get("count")) + " sign-ins",
					number(longRun.get(), "rss_mb") < 400, longRun.get().get("rss_mb") + " MB");
		}
		else {
			System.out.println("- resident memory after 100,000 sign-ins: not in this run "
					+ "(`bench/run.sh --sign-ins 100000`)");
		}
	}

	private String summary(Optional<Map<String, String>> facebook, Optional<Map<String, String>> twitter,
			Optional<Map<String, String>> stock, Optional<Map<String, String>> growthBase,
			Optional<Map<String, String>> growth, Optional<Map<String, String>> home) {
		List<String> parts = new ArrayList<>();
		facebook.ifPresent((f) -> parts.add("facebook: " + signIns(f)));
		twitter.ifPresent((t) -> parts.add("twitter: " + signIns(t)));
		result("ours", "oidc").ifPresent((o) -> parts.add("oidc: " + signIns(o)));
		stock.ifPresent((s) -> {
			String text = "stock oauth2Login facebook: " + signIns(s);
			if (facebook.isPresent()) {
				text += String.format(Locale.ROOT, " (ours/theirs: %.2fx sign-ins/s, %.2fx CPU per sign-in)",
						number(facebook.get(), "rate") / number(s, "rate"),
						number(facebook.get(), "app_cpu_per") / number(s, "app_cpu_per"));
			}
			parts.add(text);
		});
		growth.ifPresent((g) -> parts.add(String.format(Locale.ROOT, "%s users: callback p50 %s ms (%.2fx of %s users)",
				thousands(g.get("users")), g.get("cb_p50"),
				growthBase.map((b) -> number(g, "cb_p50") / number(b, "cb_p50")).orElse(Double.NaN),
				growthBase.map((b) -> thousands(b.get("users"))).orElse("?"))));
		home.ifPresent((h) -> parts.add(String.format(Locale.ROOT, "signed-in home: %s req/s, %s CPU-ms/req",
				h.get("rate"), h.get("app_cpu_per"))));
		facebook.ifPresent((f) -> parts.add("app RSS " + f.get("rss_mb") + " MB after " + thousands(f.get("count"))
				+ " measured Facebook sign-ins"));
		return "SUMMARY " + String.join(" | ", parts);
	}

	private static String signIns(Map<String, String> line) {
		return String.format(Locale.ROOT, "%s sign-ins/s, callback p50 %s ms p99 %s ms, %s CPU-ms/sign-in, %s errors",
				line.get("rate"), line.get("cb_p50"), line.get("cb_p99"), line.get("app_cpu_per"), line.get("errors"));
	}


	private static void homeRow(String label, Map<String, String> h) {
		System.out.printf(Locale.ROOT,
				"| %s, signed-in home page (GET /) | %s | **%s req/s** | %s / %s / %s ms | – | %s ms per request "
						+ "| %s ms | %s | %s MB | %s |%n",
				label, thousands(h.get("users")), h.get("rate"), h.get("p50"), h.get("p95"), h.get("p99"),
				h.get("app_cpu_per"), h.get("app_cpu_nojit_per"), h.get("errors"), h.get("rss_mb"),
				slashes(h.get("load")));
	}
	private static void row(String name, Optional<Map<String, String>> result) {
		result.ifPresent((r) -> System.out.printf(Locale.ROOT,
				"| %s | %s | **%s** | %s / %s / %s ms | %s / %s / %s ms | **%s ms** | %s ms | %s | %s MB | %s |%n",
				name, thousands(r.get("users")), r.get("rate"), r.get("p50"), r.get("p95"), r.get("p99"),
				r.get("cb_p50"), r.get("cb_p95"), r.get("cb_p99"), r.get("app_cpu_per"), r.get("app_cpu_nojit_per"),
				r.get("errors"), r.get("rss_mb"), slashes(r.get("load"))));
	}

	private static void target(String what, boolean met, String measured) {
		System.out.printf(Locale.ROOT, "- %s %s: %s%n", met ? "met:" : "MISSED:", what, measured);
	}

	private Optional<Map<String, String>> result(String label, String phase) {
		return this.lines.stream()
			.filter((line) -> line.get("type").equals("RESULT") && label.equals(line.get("label"))
					&& phase.equals(line.get("phase")))
			.reduce((a, b) -> b);
	}

	private Optional<Map<String, String>> first(String type, Map<String, String> matching) {
		return this.lines.stream()
			.filter((line) -> line.get("type").equals(type))
			.filter((line) -> matching.entrySet()
				.stream()
				.allMatch((entry) -> entry.getValue().equals(line.get(entry.getKey()))))
			.findFirst();
	}

	private List<Map<String, String>> all(String type) {
		return this.lines.stream().filter((line) -> line.get("type").equals(type)).toList();
	}

	private static double number(Map<String, String> line, String field) {
		try {
			return Double.parseDouble(line.get(field));
		}
		catch (NumberFormatException | NullPointerException ex) {
			return Double.NaN;
		}
	}

	private static String thousands(String number) {
		try {
			return String.format(Locale.ROOT, "%,d", Long.parseLong(number));
		}
		catch (NumberFormatException ex) {
			return number;
		}
	}

	private static String slashes(String load) {
		return (load != null) ? load.replace('/', ' ') : "?";
	}

}
