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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.oauthsignin.bench.VirtualBrowser.BenchFailure;
import io.github.oauthsignin.support.SoftwareAuthenticator;

/**
 * The benchmark's load: N virtual browsers ({@link VirtualBrowser}) at once, each signing in from the home page to
 * the greeting, again and again, for a warm-up and then a measured window; or, in the {@code home} phase, browsers
 * already signed in asking for the home page.
 * <p>
 * A sign-in is what a person's browser does: {@code GET /} and read the CSRF token; press "Sign in with …"
 * ({@code POST /authorize/{provider}}); the provider (auto-approving); {@code GET /callback/{provider}}; the
 * greeted home page, checked for "Hi, &lt;name&gt;!". Anything else (another status, no greeting, a timeout) is an
 * error. Then the person signs out ({@code POST /logout} with the page's CSRF token), so the next sign-in starts
 * signed out like the first and the session table does not fill with abandoned sessions. The sign-out is not part
 * of the sign-in's latency but its CPU is part of "CPU per sign-in" (one request of six).
 * <p>
 * Who signs in: a share ({@code --new-fraction}, default 25%) are new people (a registration, an insert); the rest
 * are returning people drawn at random from the users seeded before the run (a lookup and an update). The browser
 * tells the provider who it is with a cookie ({@link BenchProviders#PERSON_COOKIE}).
 * <p>
 * Costs are measured as CPU time from {@code /proc}, not as rates alone: the app's CPU milliseconds per sign-in hold
 * on a machine that other builds are loading, while sign-ins per second and latencies are shared with the
 * providers and this driver on the same cores. Each phase prints a block for people and one {@code RESULT} line
 * (appended to {@code --results}) for {@link BenchReport}.
 */
public final class LoadDriver {

	/** Seeded people have ids {@code SEEDED_BASE + k}; odd k are Facebook people, even k X people. */
	public static final long SEEDED_BASE = 100_000_000_000L;

	private final Options options;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final AtomicLong freshIds;

	private LoadDriver(Options options) {
		this.options = options;
		// New people get ids no earlier run gave out: 5e11 + seconds-of-day-ish * 1e6 + a counter.
		this.freshIds = new AtomicLong(500_000_000_000L + (Instant.now().getEpochSecond() % 100_000) * 1_000_000);
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		LoadDriver driver = new LoadDriver(options);
		for (String phase : options.phases()) {
			driver.run(phase);
		}
		System.exit(0);
	}

	private void run(String phase) throws IOException, InterruptedException {
		switch (phase) {
			case "facebook" -> signIns(phase, new OurFlow("facebook"));
			case "passkey" -> passkeySignIns(phase);
			case "twitter" -> signIns(phase, new OurFlow("twitter"));
			case "oidc" -> signIns(phase, new OurFlow("bench-id"));
			case "stock-facebook" -> signIns(phase, new StockFlow());
			case "home" -> homePage(phase, new OurFlow("facebook"));
			case "stock-home" -> homePage(phase, new StockFlow());
			case "anonymous" -> anonymousHomePage(phase, "formaction=\"/authorize/facebook\"");
			case "stock-anonymous" -> anonymousHomePage(phase, "href=\"/oauth2/authorization/facebook\"");
			default -> throw new IllegalArgumentException("Unknown phase " + phase);
		}
	}

	// ---------------------------------------------------------------- phases

	private void signIns(String phase, Flow flow) throws IOException, InterruptedException {
		Measurement measurement = measure(phase, null, (browser, stats) -> {
			Person person = nextPerson(flow.provider());
			loggedInAtProviders(browser, person);
			long start = System.nanoTime();
			Flow.Done done = flow.signIn(browser, this.options.app(), person);
			long end = System.nanoTime();
			flow.signOut(browser, this.options.app(), done.greeted());
			return new Sample(end - start, done.callbackNanos(), person.fresh());
		}, this.options.signIns());
		measurement.print(phase, "sign-ins", this.options);
	}

	/**
	 * Signing in with a passkey: each browser first becomes a new person (a Facebook sign-in) who adds a passkey on
	 * the account page with a software authenticator (ES256, as a platform authenticator answers), then signs in
	 * with it and out again, again and again: the home page, the challenge ({@code POST /passkey/options}), the
	 * answer ({@code POST /passkey/sign-in}, timed alone as the "callback") and the greeted page.
	 */
	private void passkeySignIns(String phase) throws IOException, InterruptedException {
		URI app = this.options.app();
		String origin = app.getScheme() + "://" + app.getRawAuthority();
		Measurement measurement = measure(phase, (browser) -> {
			Person person = nextPerson("passkey");
			loggedInAtProviders(browser, person);
			OurFlow facebook = new OurFlow("facebook");
			Flow.Done done = facebook.signIn(browser, app, person);
			HttpResponse<String> account = browser.get(app.resolve("/account"));
			VirtualBrowser.expectStatus(account, 200);
			Map<String, String> csrf = Map.of(meta(account, "_csrf_header"), meta(account, "_csrf"));
			JsonNode creation = json(browser.postJson(app.resolve("/account/passkeys/options"), "{}", csrf));
			SoftwareAuthenticator authenticator = new SoftwareAuthenticator(app.getHost());
			JsonNode added = json(browser.postJson(app.resolve("/account/passkeys"), authenticator.register(
					creation.get("challenge").asString(), creation.get("user").get("id").asString(), origin), csrf));
			HttpResponse<String> listed = browser.get(app.resolve(added.get("redirect").asString()));
			if (!listed.body().contains("passkey-item")) {
				throw new BenchFailure("the account page lists no passkey after adding one");
			}
			facebook.signOut(browser, app, done.greeted());
			return new PasskeyHolder(person, authenticator);
		}, (browser, holder) -> {
			long start = System.nanoTime();
			HttpResponse<String> home = browser.get(app.resolve("/"));
			VirtualBrowser.expectStatus(home, 200);
			if (!home.body().contains("id=\"passkey-signin\"")) {
				throw new BenchFailure("no passkey button on the home page");
			}
			String challenge = json(browser.post(app.resolve("/passkey/options"), Map.of())).get("challenge")
				.asString();
			long callbackStart = System.nanoTime();
			JsonNode answered = json(browser.postJson(app.resolve("/passkey/sign-in"),
					holder.authenticator().signIn(challenge, origin), Map.of()));
			long callbackNanos = System.nanoTime() - callbackStart;
			HttpResponse<String> greeted = Flow.greeted(browser, app.resolve(answered.get("redirect").asString()),
					holder.person());
			long end = System.nanoTime();
			new OurFlow("facebook").signOut(browser, app, greeted);
			return new Sample(end - start, callbackNanos, false);
		}, this.options.signIns());
		measurement.print(phase, "sign-ins", this.options);
	}

	/** A person with a passkey, and the authenticator that holds it. */
	record PasskeyHolder(Person person, SoftwareAuthenticator authenticator) {
	}

	private static final JsonMapper json = JsonMapper.builder().build();

	private static JsonNode json(HttpResponse<String> response) {
		VirtualBrowser.expectStatus(response, 200);
		return json.readTree(response.body());
	}

	/** The content of a page's {@code <meta name=...>}, such as its CSRF token. */
	private static String meta(HttpResponse<String> page, String name) {
		Matcher matcher = Pattern.compile("<meta name=\"" + name + "\" content=\"([^\"]*)\"").matcher(page.body());
		if (!matcher.find()) {
			throw new BenchFailure("no meta " + name + " on " + page.uri());
		}
		return matcher.group(1);
	}

	private void homePage(String phase, Flow flow) throws IOException, InterruptedException {
		Measurement measurement = measure(phase, (browser) -> {
			Person person = nextPerson(flow.provider());
			loggedInAtProviders(browser, person);
			flow.signIn(browser, this.options.app(), person);
			return person;
		}, (browser, person) -> {
			long start = System.nanoTime();
			HttpResponse<String> page = browser.get(this.options.app().resolve("/"));
			VirtualBrowser.expectStatus(page, 200);
			if (!page.body().contains(person.greeting())) {
				throw new BenchFailure("the signed-in home page does not say '" + person.greeting() + "'");
			}
			return new Sample(System.nanoTime() - start, -1, false);
		}, 0);
		measurement.print(phase, "requests", this.options);
	}

	/**
	 * A first visit: a new browser (no cookies) opens the home page with its sign-in button. Not a default phase:
	 * it tells what the first page of a sign-in costs on its own (ours is served from memory, made once per language;
	 * the baseline's page has a plain link).
	 */
	private void anonymousHomePage(String phase, String mustContain) throws IOException, InterruptedException {
		Measurement measurement = measure(phase, null, (browser, none) -> {
			browser.clear();
			long start = System.nanoTime();
			HttpResponse<String> page = browser.get(this.options.app().resolve("/"));
			VirtualBrowser.expectStatus(page, 200);
			if (!page.body().contains(mustContain)) {
				throw new BenchFailure("the home page of a new visitor has no " + mustContain);
			}
			return new Sample(System.nanoTime() - start, -1, false);
		}, 0);
		measurement.print(phase, "requests", this.options);
	}

	/**
	 * Runs browsers through the task until the window closes: a warm-up whose results are dropped (JIT, pools,
	 * caches), then a measured window of {@code --duration} seconds or, with a target count, until that many tasks
	 * have succeeded in it. App CPU is read at both ends of the window.
	 */
	private <S> Measurement measure(String phase, Setup<S> setup, Task<S> task, long targetCount)
			throws InterruptedException {
		Window window = new Window();
		AtomicLong succeeded = new AtomicLong();
		List<Worker<S>> workers = new ArrayList<>();
		for (int i = 0; i < this.options.browsers(); i++) {
			Worker<S> worker = new Worker<>(new VirtualBrowser(this.client), setup, task, window, succeeded);
			workers.add(worker);
		}
		System.out.printf(Locale.ROOT, "%n== %s: %d browsers, warm-up %d s, then %s (load %s)%n", phase,
				this.options.browsers(), this.options.warmupSeconds(),
				(targetCount > 0) ? targetCount + " successes" : this.options.durationSeconds() + " s",
				ProcStat.loadAverage());
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < workers.size(); i++) {
			Thread thread = new Thread(workers.get(i), phase + "-browser-" + i);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
		Thread.sleep(this.options.warmupSeconds() * 1000L);
		Snapshot before = Snapshot.take(this.options);
		window.open();
		long deadline = System.nanoTime() + Duration.ofSeconds(this.options.durationSeconds()).toNanos();
		if (targetCount > 0) {
			while (succeeded.get() < targetCount && !allFailing(workers)) {
				Thread.sleep(20);
			}
		}
		else {
			while (System.nanoTime() < deadline) {
				Thread.sleep(Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000)));
			}
		}
		window.close();
		Snapshot after = Snapshot.take(this.options);
		for (Thread thread : threads) {
			thread.join(60_000);
		}
		return Measurement.of(phase, workers, window, before, after, this.options);
	}

	/** The browser is logged in at both providers as this person, which is whom they will sign in as. */
	private void loggedInAtProviders(VirtualBrowser browser, Person person) {
		for (URI provider : this.options.providers()) {
			browser.setCookie(provider, BenchProviders.PERSON_COOKIE, person.id());
		}
	}

	private static boolean allFailing(List<? extends Worker<?>> workers) {
		return workers.stream().allMatch((worker) -> worker.consecutiveErrors > 50);
	}

	private Person nextPerson(String provider) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long seededOfProvider = provider.equals("twitter") ? this.options.seeded() / 2
				: (this.options.seeded() + 1) / 2;
		boolean fresh = seededOfProvider == 0 || random.nextDouble() < this.options.newFraction();
		String id;
		if (fresh) {
			id = Long.toString(this.freshIds.getAndIncrement());
		}
		else {
			long j = random.nextLong(seededOfProvider);
			long k = provider.equals("twitter") ? 2 * j + 2 : 2 * j + 1;
			id = Long.toString(SEEDED_BASE + k);
		}
		return new Person(id, fresh, "Hi, " + BenchProviders.name(id) + "!");
	}

	// ---------------------------------------------------------------- flows

	/**
	 * Someone signing in.
	 * @param id their id at the provider
	 * @param fresh whether this sign-in registers them
	 * @param greeting what the signed-in home page must say
	 */
	record Person(String id, boolean fresh, String greeting) {
	}

	/** How one kind of app signs a browser in and out. */
	interface Flow {

		String provider();

		Done signIn(VirtualBrowser browser, URI app, Person person) throws IOException, InterruptedException;

		/** Signs out with the Sign out form of the greeted page. */
		default void signOut(VirtualBrowser browser, URI app, HttpResponse<String> greeted)
				throws IOException, InterruptedException {
			HttpResponse<String> out = browser.post(app.resolve("/logout"),
					Map.of("_csrf", VirtualBrowser.csrfToken(greeted)));
			VirtualBrowser.redirectTarget(out, 302);
		}

		/**
		 * A finished sign-in.
		 * @param greeted the greeted home page
		 * @param callbackNanos how long the callback request alone took
		 */
		record Done(HttpResponse<String> greeted, long callbackNanos) {
		}

		/**
		 * From the provider's dialog on: the provider approves and redirects to the app's callback path, whose
		 * request is timed alone, and the page it redirects to must greet the person.
		 */
		static Done approveAndReturn(VirtualBrowser browser, URI atProvider, String callbackPath, Person person)
				throws IOException, InterruptedException {
			URI callback = VirtualBrowser.redirectTarget(browser.get(atProvider), 302);
			if (!callback.getPath().equals(callbackPath)) {
				throw new BenchFailure("the provider sent the browser to " + callback.getPath());
			}
			long callbackStart = System.nanoTime();
			HttpResponse<String> back = browser.get(callback);
			long callbackNanos = System.nanoTime() - callbackStart;
			URI next = VirtualBrowser.redirectTarget(back, 302);
			return new Done(greeted(browser, next, person), callbackNanos);
		}

		/** The greeted home page: after the callback's redirect, a 200 that greets the person. */
		static HttpResponse<String> greeted(VirtualBrowser browser, URI home, Person person)
				throws IOException, InterruptedException {
			HttpResponse<String> page = browser.get(home);
			VirtualBrowser.expectStatus(page, 200);
			if (!page.body().contains(person.greeting())) {
				throw new BenchFailure("the page after sign-in does not say '" + person.greeting() + "'");
			}
			return page;
		}

	}

	/**
	 * This app: the home page's button, a POST of its form ({@code /authorize/{provider}}), starts the sign-in; the
	 * form carries no token, the browser's Origin and Sec-Fetch-Site show it is this site's.
	 */
	record OurFlow(String provider) implements Flow {

		@Override
		public Done signIn(VirtualBrowser browser, URI app, Person person) throws IOException, InterruptedException {
			HttpResponse<String> home = browser.get(app.resolve("/"));
			VirtualBrowser.expectStatus(home, 200);
			if (!home.body().contains("formaction=\"/authorize/" + this.provider + "\"")) {
				throw new BenchFailure("no sign-in button for " + this.provider + " on the home page");
			}
			HttpResponse<String> start = browser.post(app.resolve("/authorize/" + this.provider), Map.of());
			URI atProvider = VirtualBrowser.redirectTarget(start, 302);
			return Flow.approveAndReturn(browser, atProvider, "/callback/" + this.provider, person);
		}

	}

	/**
	 * Spring Security's {@code oauth2Login}: a link to {@code /oauth2/authorization/facebook} starts the sign-in
	 * and {@code /login/oauth2/code/facebook} takes the callback.
	 */
	record StockFlow() implements Flow {

		@Override
		public String provider() {
			return "facebook";
		}

		@Override
		public Done signIn(VirtualBrowser browser, URI app, Person person) throws IOException, InterruptedException {
			HttpResponse<String> home = browser.get(app.resolve("/"));
			VirtualBrowser.expectStatus(home, 200);
			if (!home.body().contains("href=\"/oauth2/authorization/facebook\"")) {
				throw new BenchFailure("no 'Sign in with Facebook' link on the stock home page");
			}
			URI atProvider = VirtualBrowser.redirectTarget(browser.get(app.resolve("/oauth2/authorization/facebook")),
					302);
			return Flow.approveAndReturn(browser, atProvider, "/login/oauth2/code/facebook", person);
		}

	}

	// ---------------------------------------------------------------- workers and numbers

	/** Prepares a browser once before its loop (the home phase signs it in). */
	@FunctionalInterface
	interface Setup<S> {

		S prepare(VirtualBrowser browser) throws IOException, InterruptedException;

	}

	/** One unit of work: a whole sign-in, or one page view. */
	@FunctionalInterface
	interface Task<S> {

		Sample run(VirtualBrowser browser, S state) throws IOException, InterruptedException;

	}

	/**
	 * What one task took.
	 * @param totalNanos the whole task
	 * @param callbackNanos the callback request alone, or -1
	 * @param fresh whether it registered a new person
	 */
	record Sample(long totalNanos, long callbackNanos, boolean fresh) {
	}

	/** The measured window: tasks count when they finish inside it. */
	static final class Window {

		private volatile long opened = Long.MAX_VALUE;

		private volatile long closed = Long.MAX_VALUE;

		void open() {
			this.opened = System.nanoTime();
		}

		void close() {
			this.closed = System.nanoTime();
		}

		boolean isClosed() {
			return this.closed != Long.MAX_VALUE;
		}

		boolean contains(long nanos) {
			return nanos >= this.opened && nanos < this.closed;
		}

		double seconds() {
			return (this.closed - this.opened) / 1e9;
		}

	}

	/** A browser's loop, with its own numbers so that nothing is shared on the hot path. */
	static final class Worker<S> implements Runnable {

		final VirtualBrowser browser;

		final Setup<S> setup;

		final Task<S> task;

		final Window window;

		final AtomicLong succeeded;

		final LongList total = new LongList();

		final LongList callbackFresh = new LongList();

		final LongList callbackReturning = new LongList();

		long errors;

		long warmupErrors;

		long fresh;

		volatile int consecutiveErrors;

		final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

		Worker(VirtualBrowser browser, Setup<S> setup, Task<S> task, Window window, AtomicLong succeeded) {
			this.browser = browser;
			this.setup = setup;
			this.task = task;
			this.window = window;
			this.succeeded = succeeded;
		}

		@Override
		public void run() {
			S state = null;
			boolean prepared = this.setup == null;
			while (!this.window.isClosed()) {
				try {
					if (!prepared) {
						state = this.setup.prepare(this.browser);
						prepared = true;
					}
					Sample sample = this.task.run(this.browser, state);
					this.consecutiveErrors = 0;
					if (this.window.contains(System.nanoTime())) {
						this.total.add(sample.totalNanos());
						if (sample.callbackNanos() >= 0) {
							(sample.fresh() ? this.callbackFresh : this.callbackReturning).add(sample.callbackNanos());
						}
						if (sample.fresh()) {
							this.fresh++;
						}
						this.succeeded.incrementAndGet();
					}
				}
				catch (IOException | RuntimeException ex) {
					this.consecutiveErrors++;
					long now = System.nanoTime();
					if (this.window.contains(now)) {
						this.errors++;
					}
					else if (!this.window.isClosed()) {
						this.warmupErrors++;
					}
					if (this.errorSamples.size() < 5) {
						this.errorSamples.add(ex.getClass().getSimpleName() + ": " + ex.getMessage());
					}
					// Start again as a new browser: whatever state the failure left is not a person's.
					this.browser.clear();
					prepared = this.setup == null;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}

	}

	/** CPU of the app, the providers and this driver, and the app's threads, at one moment. */
	record Snapshot(long appCpu, long providersCpu, long driverCpu, Map<String, Long> appThreads) {

		static Snapshot take(Options options) {
			return new Snapshot(ProcStat.cpuMillis(options.appPid()),
					(options.providersPid() > 0) ? ProcStat.cpuMillis(options.providersPid()) : 0,
					ProcStat.cpuMillis(ProcStat.self()), ProcStat.cpuMillisByThreadGroup(options.appPid()));
		}

	}

	/** A phase's numbers, merged from every browser. */
	record Measurement(long count, long fresh, double seconds, long[] total, long[] callback, long[] callbackFresh,
			long[] callbackReturning, long errors, long warmupErrors, List<String> errorSamples, long appCpu,
			long providersCpu, long driverCpu, Map<String, Long> appThreads, long rssMegabytes, String load) {

		static Measurement of(String phase, List<? extends Worker<?>> workers, Window window, Snapshot before,
				Snapshot after, Options options) {
			LongList total = new LongList();
			LongList fresh = new LongList();
			LongList returning = new LongList();
			long errors = 0;
			long warmupErrors = 0;
			long freshCount = 0;
			List<String> samples = new ArrayList<>();
			for (Worker<?> worker : workers) {
				total.addAll(worker.total);
				fresh.addAll(worker.callbackFresh);
				returning.addAll(worker.callbackReturning);
				errors += worker.errors;
				warmupErrors += worker.warmupErrors;
				freshCount += worker.fresh;
				worker.errorSamples.stream().limit(Math.max(0, 5 - samples.size())).forEach(samples::add);
			}
			LongList callback = new LongList();
			callback.addAll(fresh);
			callback.addAll(returning);
			return new Measurement(total.size(), freshCount, window.seconds(), total.sorted(), callback.sorted(),
					fresh.sorted(), returning.sorted(), errors, warmupErrors, samples,
					after.appCpu() - before.appCpu(), after.providersCpu() - before.providersCpu(),
					after.driverCpu() - before.driverCpu(), ProcStat.difference(before.appThreads(), after.appThreads()),
					ProcStat.residentMegabytes(options.appPid()), ProcStat.loadAverage());
		}

		void print(String phase, String unit, Options options) throws IOException {
			double rate = this.count / this.seconds;
			double perTask = (this.count > 0) ? (double) this.appCpu / this.count : Double.NaN;
			System.out.printf(Locale.ROOT, "%s: %d %s in %.1f s = %.1f/s (%d new people, %d returning)%n", phase,
					this.count, unit, this.seconds, rate, this.fresh, this.count - this.fresh);
			System.out.printf(Locale.ROOT, "  whole %s   p50 %s  p95 %s  p99 %s  max %s%n", unit, ms(this.total, 0.5),
					ms(this.total, 0.95), ms(this.total, 0.99), ms(this.total, 1.0));
			if (this.callback.length > 0) {
				System.out.printf(Locale.ROOT, "  callback alone   p50 %s  p95 %s  p99 %s  max %s%n",
						ms(this.callback, 0.5), ms(this.callback, 0.95), ms(this.callback, 0.99),
						ms(this.callback, 1.0));
				System.out.printf(Locale.ROOT, "  callback p50: new people %s, returning %s%n",
						ms(this.callbackFresh, 0.5), ms(this.callbackReturning, 0.5));
			}
			System.out.printf(Locale.ROOT, "  errors %d (warm-up %d)%s%n", this.errors, this.warmupErrors,
					this.errorSamples.isEmpty() ? "" : ", e.g. " + this.errorSamples);
			System.out.printf(Locale.ROOT,
					"  CPU per %s: app %.2f ms (%.2f ms without the JIT compilers), providers %.2f ms, "
							+ "driver %.2f ms (app %.0f%% of a core)%n",
					unit.substring(0, unit.length() - 1), perTask,
					perCount(this.appCpu - this.appThreads.getOrDefault(ProcStat.JIT_COMPILERS, 0L)),
					perCount(this.providersCpu), perCount(this.driverCpu),
					100.0 * this.appCpu / (this.seconds * 1000));
			System.out.println("  app CPU by thread: " + threadShares());
			System.out.printf(Locale.ROOT, "  app resident memory %d MB; load average %s%n", this.rssMegabytes,
					this.load);
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("phase", phase);
			result.put("label", options.label());
			result.put("users", options.seeded());
			result.put("browsers", options.browsers());
			result.put("seconds", String.format(Locale.ROOT, "%.1f", this.seconds));
			result.put("count", this.count);
			result.put("fresh", this.fresh);
			result.put("rate", String.format(Locale.ROOT, "%.1f", rate));
			result.put("p50", msValue(this.total, 0.5));
			result.put("p95", msValue(this.total, 0.95));
			result.put("p99", msValue(this.total, 0.99));
			result.put("cb_p50", msValue(this.callback, 0.5));
			result.put("cb_p95", msValue(this.callback, 0.95));
			result.put("cb_p99", msValue(this.callback, 0.99));
			result.put("cb_new_p50", msValue(this.callbackFresh, 0.5));
			result.put("cb_returning_p50", msValue(this.callbackReturning, 0.5));
			result.put("errors", this.errors);
			result.put("warmup_errors", this.warmupErrors);
			result.put("app_cpu_ms", this.appCpu);
			result.put("app_cpu_per", String.format(Locale.ROOT, "%.2f", perTask));
			result.put("app_cpu_nojit_per", String.format(Locale.ROOT, "%.2f",
					perCount(this.appCpu - this.appThreads.getOrDefault(ProcStat.JIT_COMPILERS, 0L))));
			result.put("providers_cpu_per", String.format(Locale.ROOT, "%.2f", perCount(this.providersCpu)));
			result.put("driver_cpu_per", String.format(Locale.ROOT, "%.2f", perCount(this.driverCpu)));
			result.put("rss_mb", this.rssMegabytes);
			result.put("load", this.load.replace(' ', '/'));
			StringBuilder line = new StringBuilder("RESULT");
			result.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
			System.out.println(line);
			if (options.results() != null) {
				Files.writeString(options.results(), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
		}

		private double perCount(long millis) {
			return (this.count > 0) ? (double) millis / this.count : Double.NaN;
		}

		private String threadShares() {
			long all = this.appThreads.values().stream().mapToLong(Long::longValue).sum();
			StringBuilder text = new StringBuilder();
			this.appThreads.entrySet().stream().limit(6).forEach((entry) -> text.append(text.length() > 0 ? ", " : "")
				.append(entry.getKey())
				.append(String.format(Locale.ROOT, " %.0f%%", 100.0 * entry.getValue() / Math.max(1, all))));
			return text.toString();
		}

		private static String ms(long[] sorted, double quantile) {
			return (sorted.length == 0) ? "-" : msValue(sorted, quantile) + " ms";
		}

		private static String msValue(long[] sorted, double quantile) {
			if (sorted.length == 0) {
				return "-";
			}
			int index = (int) Math.ceil(quantile * sorted.length) - 1;
			return String.format(Locale.ROOT, "%.1f", sorted[Math.max(0, index)] / 1e6);
		}

	}

	/** A growable list of longs: no boxing on the browsers' hot path. */
	static final class LongList {

		private long[] values = new long[1024];

		private int size;

		void add(long value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		void addAll(LongList other) {
			for (int i = 0; i < other.size; i++) {
				add(other.values[i]);
			}
		}

		int size() {
			return this.size;
		}

		long[] sorted() {
			long[] copy = Arrays.copyOf(this.values, this.size);
			Arrays.sort(copy);
			return copy;
		}

	}

	/**
	 * Command-line options.
	 * @param app the app's base URL
	 * @param appPid the app's process, whose CPU and memory are measured
	 * @param providersPid the providers' process, whose CPU is reported beside, or 0
	 * @param phases what to run, in order: {@code facebook}, {@code twitter}, {@code oidc} (Bench ID),
	 * {@code home} (this app);
	 * {@code stock-facebook}, {@code stock-home} (the baseline); {@code anonymous} and {@code stock-anonymous} (a
	 * new visitor's home page, a diagnostic)
	 * @param browsers how many browsers at once
	 * @param warmupSeconds how long to run before measuring
	 * @param durationSeconds how long to measure
	 * @param signIns when above 0, measure until this many sign-ins succeeded instead of for a duration
	 * @param newFraction the share of sign-ins by new people
	 * @param seeded how many users were seeded (returning people are drawn from them)
	 * @param label names the app in the results (ours, stock)
	 * @param results the file RESULT lines are appended to, or null
	 * @param providers each provider's base URL, where the browser holds its person cookie
	 */
	record Options(URI app, long appPid, long providersPid, List<String> phases, int browsers, int warmupSeconds,
			int durationSeconds, long signIns, double newFraction, long seeded, String label, Path results,
			List<URI> providers) {

		static Options parse(String[] args) {
			URI app = null;
			long appPid = 0;
			long providersPid = 0;
			List<String> phases = List.of("facebook");
			int browsers = 32;
			int warmup = 10;
			int duration = 30;
			long signIns = 0;
			double newFraction = 0.25;
			long seeded = 0;
			String label = "ours";
			Path results = null;
			List<URI> providers = new ArrayList<>();
			for (int i = 0; i < args.length; i++) {
				String value = (i + 1 < args.length) ? args[i + 1] : null;
				switch (args[i]) {
					case "--app" -> app = URI.create(value);
					case "--app-pid" -> appPid = Long.parseLong(value);
					case "--providers-pid" -> providersPid = Long.parseLong(value);
					case "--phases" -> phases = List.of(value.split(","));
					case "--browsers" -> browsers = Integer.parseInt(value);
					case "--warmup" -> warmup = Integer.parseInt(value);
					case "--duration" -> duration = Integer.parseInt(value);
					case "--sign-ins" -> signIns = Long.parseLong(value);
					case "--new-fraction" -> newFraction = Double.parseDouble(value);
					case "--seeded" -> seeded = Long.parseLong(value);
					case "--label" -> label = value;
					case "--results" -> results = Path.of(value);
					case "--provider" -> providers.add(URI.create(value));
					default -> throw new IllegalArgumentException("Unknown option " + args[i]);
				}
				i++;
			}
			if (app == null || appPid <= 0 || providers.isEmpty()) {
				throw new IllegalArgumentException("--app, --app-pid and --provider (each provider's base URL) "
						+ "are required");
			}
			return new Options(app, appPid, providersPid, phases, browsers, warmup, duration, signIns, newFraction,
					seeded, label, results, List.copyOf(providers));
		}

	}

}
