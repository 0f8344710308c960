package io.github.oauthsignin.session;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the memory store writes its sessions when the app stops gracefully, to read them back at start
 * ({@code server.servlet.session.store-dir}): beside the data they belong to.
 * <p>
 * Spring Boot resolves a relative store directory against the application's home, the folder of the jar, so that
 * two apps started from two folders with the same jar would share one, and a session saved by one would be read
 * back by the other. Here a relative directory is resolved against the working folder, as H2 resolves a relative
 * database file; unset, it is {@code sessions} in the folder of the H2 database file ({@code ./data/sessions} with the
 * default {@code jdbc:h2:file:./data/oauth-signin}), or {@code ./data/sessions} for any other database.
 */
final class SessionStoreDirectory {

	static final String PROPERTY = "server.servlet.session.store-dir";

	/** An H2 URL's file part may start with a file system prefix ({@code file:}); anything else is not a local file. */
	private static final Pattern OTHER_PREFIX = Pattern.compile("[a-z]{2,}:.*");

	private SessionStoreDirectory() {
	}

	/**
	 * @param configured {@code server.servlet.session.store-dir} as set, or null
	 * @param datasourceUrl {@code spring.datasource.url}, or null
	 * @param workingFolder the folder the app was started in
	 * @param home the user's home folder, for H2's {@code ~}
	 * @return the absolute directory
	 */
	static Path resolve(String configured, String datasourceUrl, Path workingFolder, Path home) {
		if (configured != null && !configured.isBlank()) {
			return workingFolder.resolve(configured.strip()).normalize();
		}
		Path database = h2File(datasourceUrl, home);
		Path folder = (database != null) ? workingFolder.resolve(database).normalize().getParent()
				: workingFolder.resolve("data");
		return folder.resolve("sessions");
	}

	/** The file path of an embedded H2 database's URL, or null when it is not one. */
	private static Path h2File(String url, Path home) {
		if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
			return null;
		}
		String path = url.substring("jdbc:h2:".length());
		int options = path.indexOf(';');
		path = (options >= 0) ? path.substring(0, options) : path;
		if (path.toLowerCase(Locale.ROOT).startsWith("file:")) {
			path = path.substring("file:".length());
		}
		if (path.isEmpty() || OTHER_PREFIX.matcher(path.toLowerCase(Locale.ROOT)).matches()) {
			return null;
		}
		if (path.equals("~") || path.startsWith("~/") || path.startsWith("~\\")) {
			return home.resolve(path.substring(1).replaceFirst("^[/\\\\]", ""));
		}
		return Path.of(path);
	}

}
