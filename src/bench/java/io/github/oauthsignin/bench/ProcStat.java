package io.github.oauthsignin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time and memory of a process as Linux accounts them in {@code /proc}: CPU time (user + system) rather than
 * wall-clock rates, so that a measurement still means something on a machine other builds are loading; resident
 * memory as the kernel sees it, heap and everything else included.
 */
final class ProcStat {

	/** Clock ticks per second of {@code utime}/{@code stime}; 100 on every Linux this runs on, asked once. */
	static final long TICKS_PER_SECOND = ticksPerSecond();

	/** The thread group of the JIT compilers, whose share falls as the app warms up. */
	static final String JIT_COMPILERS = "JIT compilers";

	private ProcStat() {
	}

	/** User + system CPU time of the whole process (every thread, GC and JIT included), in milliseconds. */
	static long cpuMillis(long pid) {
		try {
			return ticksToMillis(ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read /proc/" + pid + "/stat", ex);
		}
	}

	/**
	 * CPU milliseconds per thread group of a process (threads named alike, such as Tomcat's request threads or the
	 * GC workers, added up), to tell what kind of work the CPU went to without a profiler.
	 */
	static Map<String, Long> cpuMillisByThreadGroup(long pid) {
		Map<String, Long> groups = new TreeMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					groups.merge(threadGroup(name), ticksToMillis(ticks(stat)), Long::sum);
				}
				catch (IOException ex) {
					// the thread ended while we looked ("No such process")
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the threads of " + pid, ex);
		}
		return groups;
	}

	/** The difference of two {@link #cpuMillisByThreadGroup} snapshots, largest first. */
	static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> delta = new TreeMap<>();
		after.forEach((group, millis) -> delta.put(group, millis - before.getOrDefault(group, 0L)));
		Map<String, Long> sorted = new LinkedHashMap<>();
		delta.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 0)
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach((entry) -> sorted.put(entry.getKey(), entry.getValue()));
		return sorted;
	}

	/** {@code VmRSS} in megabytes (MiB), or -1 when the process is gone. */
	static long residentMegabytes(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
				}
			}
			return -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** The three load averages, as {@code uptime} prints them. */
	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	/** This JVM's own process id. */
	static long self() {
		return ProcessHandle.current().pid();
	}

	/**
	 * A readable name for the kind of thread: Linux keeps 15 characters of a thread's name, and the numbers that
	 * tell one worker from the next are dropped.
	 */
	static String threadGroup(String name) {
		if (name.startsWith("http-nio") || name.startsWith("Catalina")) {
			return "Tomcat threads (request handling)";
		}
		if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
			return "GC and VM thread";
		}
		if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
			return JIT_COMPILERS;
		}
		if (name.startsWith("HttpClient")) {
			return "JDK HttpClient threads (calls to providers)";
		}
		if (name.startsWith("HikariPool")) {
			return "Hikari housekeeping";
		}
		return "other: " + name.replaceAll("[0-9#]+", "").strip();
	}

	private static long ticks(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// fields[0] is field 3 (state); utime and stime are fields 14 and 15
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private static long ticksToMillis(long ticks) {
		return ticks * 1000 / TICKS_PER_SECOND;
	}

	private static long ticksPerSecond() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
			getconf.waitFor();
			return Long.parseLong(out);
		}
		catch (IOException | NumberFormatException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
