package io.github.oauthsignin.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;

/**
 * Fills the {@code users} and {@code identities} tables of a benchmark's H2 file database with N people before the
 * app starts, in bulk ({@code insert … select … from system_range}), so that a million users take seconds rather
 * than a million sign-ins. Person k gets an account and the identity {@code facebook$<SEEDED_BASE + k>} for odd k
 * and {@code twitter$…} for even k, which is who the load driver's returning people are; the Facebook people have
 * linked their OpenID Connect identity too ({@code bench-id$<SEEDED_BASE + k>}), the returning people of the
 * {@code oidc} phase.
 * <p>
 * With {@code --migrate} it first creates the schema with Flyway from the app's own migrations (the same files the
 * app runs at start-up, so the app then finds its schema up to date); without it the schema must already be there
 * (the app was started once on the database).
 * <p>
 * Usage: {@code SeedUsers --url jdbc:h2:file:<dir>/bench --users N [--migrate]}.
 */
public final class SeedUsers {

	private static final int CHUNK = 100_000;

	private SeedUsers() {
	}

	public static void main(String[] args) throws SQLException {
		String url = null;
		long users = 0;
		boolean migrate = false;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--url" -> url = args[++i];
				case "--users" -> users = Long.parseLong(args[++i]);
				case "--migrate" -> migrate = true;
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
			}
		}
		if (url == null) {
			throw new IllegalArgumentException("--url is required");
		}
		long started = System.nanoTime();
		if (migrate) {
			Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
		}
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			connection.setAutoCommit(false);
			long existing = count(connection);
			// Person x: the account 'Seeded Person x', and its one identity, facebook$<base + x> for odd x and
			// twitter$<base + x> for even x, linked to the accounts this chunk added (ids above the chunk's start).
			try (PreparedStatement accounts = connection.prepareStatement("insert into users (nickname, email, "
					+ "picture_url, created_at, last_sign_in_at) "
					+ "select 'Seeded Person ' || cast(x as varchar), 'seeded' || cast(x as varchar) || '@bench.example', "
					+ "null, current_timestamp, current_timestamp from system_range(?, ?)");
					PreparedStatement identities = connection.prepareStatement("insert into identities (user_id, "
							+ "provider, provider_user_id, name, email, picture_url, linked_at, last_used_at) "
							+ "select id, case when mod(n, 2) = 0 then 'twitter' else 'facebook' end, "
							+ "cast(? + n as varchar), nickname, email, null, created_at, last_sign_in_at "
							+ "from (select id, nickname, email, created_at, last_sign_in_at, "
							+ "cast(substring(nickname from 15) as bigint) as n from users where id > ?) added");
					PreparedStatement linked = connection.prepareStatement("insert into identities (user_id, "
							+ "provider, provider_user_id, name, email, picture_url, linked_at, last_used_at) "
							+ "select user_id, 'bench-id', provider_user_id, name, email, null, linked_at, last_used_at "
							+ "from identities where provider = 'facebook' and user_id > ?")) {
				for (long from = 1; from <= users; from += CHUNK) {
					long before = maxId(connection);
					accounts.setLong(1, from);
					accounts.setLong(2, Math.min(users, from + CHUNK - 1));
					accounts.executeUpdate();
					identities.setLong(1, LoadDriver.SEEDED_BASE);
					identities.setLong(2, before);
					identities.executeUpdate();
					linked.setLong(1, before);
					linked.executeUpdate();
					connection.commit();
				}
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("analyze");
				connection.commit();
				long total = count(connection);
				System.out.printf("Seeded %d users (%d before, %d now) in %.1f s%n", users, existing, total,
						(System.nanoTime() - started) / 1e9);
				statement.execute("shutdown");
			}
		}
	}

	private static long maxId(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select coalesce(max(id), 0) from users")) {
			result.next();
			return result.getLong(1);
		}
	}

	private static long count(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select count(*) from users")) {
			result.next();
			return result.getLong(1);
		}
	}

}
