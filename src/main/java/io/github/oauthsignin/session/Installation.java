package io.github.oauthsignin.session;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This database's installation id: random, written once by the migration that made the table
 * ({@code installation}), and never changed. A database made anew (another folder, a reset) has another one, so a
 * session that carries the id it was made with can tell whether it belongs here.
 */
@Component
public class Installation {

	private final JdbcTemplate jdbc;

	private volatile String id;

	Installation(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The id, read from the database once. */
	public String id() {
		String known = this.id;
		if (known == null) {
			known = this.jdbc.queryForObject("select id from installation", String.class);
			this.id = known;
		}
		return known;
	}

}
