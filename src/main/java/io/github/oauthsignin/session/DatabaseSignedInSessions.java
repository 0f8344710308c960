package io.github.oauthsignin.session;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signed-in sessions in Spring Session JDBC's table, found by its {@code principal_name} column.
 * <p>
 * Sessions are deleted with one statement rather than through Spring Session's
 * {@code FindByIndexNameSessionRepository}: that one would load and deserialize every session first (which fails
 * for a session written by an older version of the app) and delete each in a transaction of its own, whereas here
 * the statement joins the caller's transaction. Their attributes go with them ({@code on delete cascade}). The table
 * is ours: the Flyway migration creates it.
 */
class DatabaseSignedInSessions implements SignedInSessions {

	private final JdbcTemplate jdbc;

	DatabaseSignedInSessions(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int count(String principalName) {
		Integer count = this.jdbc.queryForObject("select count(*) from spring_session where principal_name = ?",
				Integer.class, principalName);
		return (count != null) ? count : 0;
	}

	@Override
	public void removeAll(String principalName) {
		this.jdbc.update("delete from spring_session where principal_name = ?", principalName);
	}

}
