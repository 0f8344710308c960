package io.github.oauthsignin.session;

import java.util.Locale;

/**
 * Where sessions live ({@code signin.sessions.store}).
 */
public enum SessionStore {

	/**
	 * In memory when the database is H2 (which one instance alone uses), in the database otherwise (which every
	 * instance shares). The default.
	 */
	AUTO,

	/**
	 * Tomcat's own sessions, in this instance's memory, written to {@code server.servlet.session.store-dir} when
	 * the app stops and read back when it starts. For a single instance.
	 */
	MEMORY,

	/** Spring Session JDBC: tables {@code spring_session} and {@code spring_session_attributes}, shared. */
	DATABASE;

	/**
	 * The store this setting means with this database.
	 * @param datasourceUrl {@code spring.datasource.url}, or {@code null} for an embedded database
	 * @return {@link #MEMORY} or {@link #DATABASE}
	 */
	public SessionStore resolve(String datasourceUrl) {
		if (this != AUTO) {
			return this;
		}
		return (datasourceUrl == null || isLocalH2(datasourceUrl)) ? MEMORY : DATABASE;
	}

	private static boolean isLocalH2(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:")
				&& !lower.contains(";auto_server=true");
	}

}
