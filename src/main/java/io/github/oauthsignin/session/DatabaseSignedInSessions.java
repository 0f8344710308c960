package io.github.oauthsignin.session;

import java.util.List;
import java.util.function.Predicate;

import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Signed-in sessions in Spring Session JDBC's table, found by its {@code principal_name} column.
 * <p>
 * Sessions are deleted with one statement rather than through Spring Session's
 * {@code FindByIndexNameSessionRepository}: that one would load and deserialize every session first (which fails
 * for a session written by an older version of the app) and delete each in a transaction of its own, whereas here
 * the statement joins the caller's transaction. Their attributes go with them ({@code on delete cascade}). The table
 * is ours: the Flyway migration creates it. Only {@link #removeIf} reads a sign-in, the security context alone, and
 * ends the sessions it cannot read.
 */
class DatabaseSignedInSessions implements SignedInSessions {

	private final JdbcTemplate jdbc;

	private final DeserializingConverter deserializer = new DeserializingConverter(
			DatabaseSignedInSessions.class.getClassLoader());

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

	@Override
	public void removeAllExcept(String principalName, String keptSessionId) {
		this.jdbc.update("delete from spring_session where principal_name = ? and session_id <> ?", principalName,
				keptSessionId);
	}

	@Override
	public void removeIf(String principalName, Predicate<Authentication> signIn) {
		List<Stored> sessions = this.jdbc.query("select s.primary_id, a.attribute_bytes from spring_session s "
				+ "left join spring_session_attributes a on a.session_primary_id = s.primary_id "
				+ "and a.attribute_name = ? where s.principal_name = ?",
				(row, index) -> new Stored(row.getString(1), row.getBytes(2)),
				HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, principalName);
		for (Stored session : sessions) {
			Authentication authentication = authenticationOf(session.context());
			if (authentication == null || signIn.test(authentication)) {
				this.jdbc.update("delete from spring_session where primary_id = ?", session.primaryId());
			}
		}
	}

	private Authentication authenticationOf(byte[] bytes) {
		if (bytes == null) {
			return null;
		}
		try {
			return (this.deserializer.convert(bytes) instanceof SecurityContext context) ? context.getAuthentication()
					: null;
		}
		catch (RuntimeException unreadable) {
			return null;
		}
	}

	private record Stored(String primaryId, byte[] context) {
	}

}
