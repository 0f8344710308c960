package io.github.oauthsignin.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged fat jar running as a real process, {@code java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar …} (the heap
 * and the exit on running out of it of docs/DEPLOY.md), configured only by environment variables and arguments, as
 * on a server. Its output goes to a log file the test can read.
 */
public final class JarProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private final Path workDirectory;

	private final int port;

	private final int managementPort;

	private final Map<String, String> environment;

	private final List<String> arguments;

	private final List<Path> logs = new ArrayList<>();

	private Process process;

	/**
	 * @param workDirectory the working directory (./data lands there with the default database)
	 * @param environment environment variables to add
	 * @param arguments command-line arguments after the jar
	 */
	public JarProcess(Path workDirectory, Map<String, String> environment, List<String> arguments) throws IOException {
		this.workDirectory = workDirectory;
		this.port = Ports.free();
		this.managementPort = Ports.free();
		this.environment = new LinkedHashMap<>(environment);
		this.arguments = List.copyOf(arguments);
	}

	/** {@code http://localhost:<port>} */
	public String baseUri() {
		return "http://localhost:" + this.port;
	}

	/** {@code http://127.0.0.1:<management port>}: the operator views (actuator), reachable from this machine only. */
	public String managementUri() {
		return "http://127.0.0.1:" + this.managementPort;
	}

	/** Starts the jar (its management port on a free port of its own) and waits until {@code /healthz} answers 200. */
	public JarProcess start() throws IOException, InterruptedException {
		Path log = this.workDirectory.resolve("app-" + this.port + "-" + this.logs.size() + ".log");
		this.logs.add(log);
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-jar", FatJar.locate().toString(),
				"--server.port=" + this.port, "--management.server.port=" + this.managementPort));
		command.addAll(this.arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(this.environment);
		this.process = builder.start();
		HttpClient client = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError("The jar stopped: " + Files.readString(log, StandardCharsets.UTF_8));
			}
			try {
				HttpResponse<Void> health = client.send(
						HttpRequest.newBuilder(URI.create(baseUri() + "/healthz")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (health.statusCode() == 200) {
					return this;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The jar did not start within " + START_TIMEOUT + "; log: " + log);
	}

	/** The running jar's process id. */
	public long pid() {
		return this.process.pid();
	}

	/** Whether the jar is running. */
	public boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/** Stops the jar the way systemd does (SIGTERM, graceful shutdown) and waits for it. */
	public void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			this.process.waitFor();
		}
	}

	/** Everything the jar has logged, across restarts. */
	public String logs() throws IOException {
		StringBuilder all = new StringBuilder();
		for (Path log : this.logs) {
			all.append(Files.readString(log, StandardCharsets.UTF_8));
		}
		return all.toString();
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
