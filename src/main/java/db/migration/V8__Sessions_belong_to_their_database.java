package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Sessions belong to their database (issue 23). A Java migration because a random value cannot be written the same
 * way in SQL on H2 and PostgreSQL; every statement here is portable SQL.
 * <ul>
 * <li>{@code installation}: one row, a random id (a type 4 UUID) written once, when this database is made. Every
 * signed-in session carries it, so that a session saved by an app on another database, or before this database was
 * reset, signs nobody in.</li>
 * <li>{@code users.session_version}: a random number per account, replaced whenever the account's sessions are
 * ended; a session carries the one it was made with. New accounts get theirs from the app; accounts made before
 * this version get one here (53 random bits, the database's {@code random()}).</li>
 * <li>{@code persistent_logins.provider}: the provider a "Keep me signed in" token was made through (null for
 * tokens made before this version), so that disconnecting a provider ends them too.</li>
 * <li>{@code sign_in_history.kind}: a sign-in, or a stolen "Keep me signed in" token detected.</li>
 * <li>{@code facebook_signed_requests}: the digests of the {@code signed_request}s Facebook posted that were acted
 * on, until they are too old to be accepted anyway, so that a replay changes nothing.</li>
 * </ul>
 */
public class V8__Sessions_belong_to_their_database extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		try (Statement statement = connection.createStatement()) {
			statement.execute("create table installation ("
					+ "id varchar(36) not null primary key, created_at timestamp with time zone not null)");
			statement.execute("alter table users add column session_version bigint default 0 not null");
			statement.execute("update users set session_version = floor(random() * 9007199254740991)");
			statement.execute("alter table persistent_logins add column provider varchar(15)");
			statement.execute("alter table sign_in_history add column kind varchar(16) default 'sign-in' not null");
			statement.execute("create table facebook_signed_requests ("
					+ "digest varchar(43) not null primary key, issued_at timestamp with time zone not null)");
			statement.execute("create index facebook_signed_requests_issued on facebook_signed_requests (issued_at)");
		}
		try (PreparedStatement insert = connection
			.prepareStatement("insert into installation (id, created_at) values (?, ?)")) {
			insert.setString(1, UUID.randomUUID().toString());
			insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
			insert.executeUpdate();
		}
	}

}
