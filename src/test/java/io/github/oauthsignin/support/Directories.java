package io.github.oauthsignin.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Cleaning up the temporary directories that tests hand to real processes (the fat jar's working directory,
 * PostgreSQL's data, Chromium's profile). Why not JUnit's {@code @TempDir}: those directories must outlive a restart
 * of the process inside one test, and some are made outside any test method.
 */
public final class Directories {

	private Directories() {
	}

	/**
	 * Deletes the directory and everything in it, deepest first; nothing when it is {@code null} or gone already.
	 * @throws IOException when the directory cannot be walked
	 */
	public static void deleteRecursively(Path directory) throws IOException {
		if (directory == null || !Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
