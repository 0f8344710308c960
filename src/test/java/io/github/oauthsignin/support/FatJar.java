package io.github.oauthsignin.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Finds the packaged fat jar for the {@code *JarTests}, which Failsafe runs after {@code package}. */
public final class FatJar {

	private FatJar() {
	}

	/**
	 * The jar Failsafe names in the system property {@code fatJar} (a missing one is then a failure), or else the
	 * single {@code target/oauth-signin-*.jar} (the test is skipped when the app was not packaged).
	 */
	public static Path locate() throws IOException {
		String named = System.getProperty("fatJar");
		if (named != null && !named.isBlank()) {
			Path path = Path.of(named);
			if (!Files.isRegularFile(path)) {
				fail("The packaged jar " + path + " is missing: run ./mvnw verify, which packages it first");
			}
			return path.toAbsolutePath();
		}
		List<Path> candidates = new ArrayList<>();
		Path target = Path.of("target");
		if (Files.isDirectory(target)) {
			try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "oauth-signin-*.jar")) {
				jars.forEach(candidates::add);
			}
		}
		assumeTrue(candidates.size() == 1, () -> "No single packaged jar target/oauth-signin-*.jar (found "
				+ candidates + "): run ./mvnw verify to package the app and test the jar");
		return candidates.get(0).toAbsolutePath();
	}

}
