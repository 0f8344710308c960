package io.github.oauthsignin.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A real, headless Chromium for browser tests: Debian's {@code chromium} and {@code chromium-driver}, named
 * explicitly so that Selenium never downloads a browser or a driver (Selenium Manager would try the network). Each
 * one has a fresh profile in a temporary directory, deleted when it quits, and cannot reach anything but the
 * loopback: the tests stay hermetic, and a page that would load something from the internet does not hang.
 * Starting one takes seconds, so a test class shares one, made like new by {@link #forgetEverything()} between
 * tests.
 * <p>
 * The paths can be changed with the system properties {@code browser.chromium} and {@code browser.chromedriver}.
 */
public final class Chromium implements AutoCloseable {

	/** A desktop window. */
	public static final Dimension DESKTOP = new Dimension(1280, 800);

	/** A phone held upright (an iPhone 12 to 15). */
	public static final Dimension PHONE = new Dimension(390, 844);

	static final Path BINARY = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));

	static final Path DRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private Chromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** Whether Chromium and its driver are installed where this class looks for them. */
	static boolean isInstalled() {
		return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
	}

	/** Why the browser tests are skipped when {@link #isInstalled()} is false. */
	static String missing() {
		return "Chromium or its driver is missing (" + BINARY + ", " + DRIVER + "): the real-browser tests are "
				+ "skipped. Install them with: apt-get install chromium chromium-driver";
	}

	/** Starts a headless Chromium with a desktop-sized window. */
	public static Chromium start() {
		Path profile;
		try {
			profile = Files.createTempDirectory("chromium-profile-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
				"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
				"--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight(), "--user-data-dir=" + profile);
		// What the page's own console says, for tests that require it to say no error.
		options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		try {
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
			return new Chromium(driver, profile);
		}
		catch (RuntimeException ex) {
			service.stop();
			delete(profile);
			throw ex;
		}
	}

	/**
	 * Makes the browser like new for the next test, much faster than starting another: no cookies (so nobody is
	 * signed in anywhere), a blank page, the desktop size.
	 */
	public void forgetEverything() {
		this.driver.get("about:blank");
		this.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		this.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
		viewport(DESKTOP, false);
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Saves what the page shows as {@code target/screenshots/<name>-desktop.png} (1280x800) and
	 * {@code <name>-phone.png} (390x844, as a phone lays it out), then goes back to the desktop size.
	 * @param name what the picture shows, such as {@code home-signed-in}
	 */
	public void screenshots(String name) {
		screenshots(name, null);
	}

	/**
	 * Like {@link #screenshots(String)}, with the page scrolled to put this element at the top.
	 * @param scrolledTo the element to bring into view at each size, or null to keep the top of the page
	 */
	public void screenshots(String name, By scrolledTo) {
		screenshot(name + "-desktop", DESKTOP, false, scrolledTo);
		screenshot(name + "-phone", PHONE, true, scrolledTo);
		viewport(DESKTOP, false);
	}

	/**
	 * Saves what the page shows in a viewport of exactly this size as {@code target/screenshots/<name>.png}.
	 * @param mobile whether to lay the page out as a phone does (its viewport meta tag, touch)
	 */
	private Path screenshot(String name, Dimension size, boolean mobile, By scrolledTo) {
		viewport(size, mobile);
		if (scrolledTo != null) {
			// WebDriver's own script, run by the browser's debugger: the page's CSP (no script) does not apply.
			this.driver.executeScript("arguments[0].scrollIntoView(true)", this.driver.findElement(scrolledTo));
		}
		try {
			Files.createDirectories(SCREENSHOTS);
			return Files.write(SCREENSHOTS.resolve(name + ".png"), this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sets the viewport itself (a window size would include the browser's own bars).
	 * @param mobile whether to lay the page out as a phone does (its viewport meta tag, touch)
	 */
	public void viewport(Dimension size, boolean mobile) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.getWidth(),
				"height", size.getHeight(), "deviceScaleFactor", 1, "mobile", mobile));
	}

	/**
	 * The errors the page's console has logged since the last call (a resource that failed to load, a refused
	 * picture, a script error), one line each.
	 */
	public List<String> consoleErrors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	/**
	 * What axe-core (Deque's accessibility rules, the ones of WCAG 2.0 and 2.1, levels A and AA) finds wrong with
	 * the page as it is now, one line per rule broken, with the elements that break it. WebDriver runs axe as its own
	 * script, which the page's Content-Security-Policy (no script) does not govern.
	 */
	public List<String> accessibilityViolations() {
		this.driver.executeScript(AxeCore.SOURCE);
		Object result = this.driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
					.then((results) => done(results.violations.map((violation) => violation.id + ': '
						+ violation.help + ' at ' + violation.nodes.map((node) => node.target.join(' ')).join(', '))))
					.catch((error) => done(['axe-core failed: ' + error]));
				""");
		List<String> violations = new ArrayList<>();
		if (result instanceof List<?> list) {
			list.forEach((violation) -> violations.add(String.valueOf(violation)));
		}
		return violations;
	}

	/**
	 * What is wrong with the page as it is now, at a desktop's and a phone's size: accessibility violations and
	 * console errors, one line each, named after the page and the size.
	 * @param page what the page is, for the lines
	 * @param expectedConsoleError a console error the page cannot help (Chromium logs a 404 page's own status), or
	 * null
	 */
	public List<String> problemsAtBothSizes(String page, String expectedConsoleError) {
		List<String> problems = new ArrayList<>();
		for (boolean phone : new boolean[] { false, true }) {
			viewport(phone ? PHONE : DESKTOP, phone);
			String where = page + (phone ? " (phone)" : " (desktop)") + ": ";
			accessibilityViolations().forEach((violation) -> problems.add(where + violation));
			consoleErrors().stream()
				.filter((error) -> expectedConsoleError == null || !error.contains(expectedConsoleError))
				.forEach((error) -> problems.add(where + "console: " + error));
		}
		viewport(DESKTOP, false);
		return problems;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			delete(this.profile);
		}
	}

	/**
	 * Skips each test of a class that needs Chromium when it is missing, saying what to install. A condition rather
	 * than an assumption in {@code @BeforeAll}: Surefire reports a class whose {@code @BeforeAll} gave up as no tests
	 * at all, while each test skipped here is reported as skipped, with the reason, and before any app starts.
	 */
	public static final class Required implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (context.getTestMethod().isEmpty() || isInstalled()) {
				return ConditionEvaluationResult.enabled("Chromium is installed (" + BINARY + ", " + DRIVER + ")");
			}
			return ConditionEvaluationResult.disabled(missing());
		}

	}

	/** axe-core's script, as Deque ships it in its Selenium jar, read once. */
	private static final class AxeCore {

		static final String SOURCE = read();

		private static String read() {
			try (InputStream in = Chromium.class.getClassLoader().getResourceAsStream("axe.min.js")) {
				if (in == null) {
					throw new IllegalStateException("axe.min.js is not on the classpath (com.deque.html.axe-core)");
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	private static void delete(Path directory) {
		try {
			Directories.deleteRecursively(directory);
		}
		catch (IOException ex) {
			// A leftover temporary directory is not worth failing a test for.
		}
	}

}
