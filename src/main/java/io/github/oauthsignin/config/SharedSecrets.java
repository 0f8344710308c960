package io.github.oauthsignin.config;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Random secrets that every instance of the app shares, kept in the database ({@code shared_secrets}): the first
 * instance that asks for one by name makes it (256 random bits), the others read it. Nobody configures them, so
 * there is nothing to leak from an environment or a file, and several instances behind one proxy agree without
 * being told. Read once per name and instance.
 */
@Component
public class SharedSecrets {

	private static final int BYTES = 32;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, byte[]> known = new ConcurrentHashMap<>();

	SharedSecrets(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The secret of this name, made now if no instance has made it yet. */
	public byte[] secret(String name) {
		return this.known.computeIfAbsent(name, this::readOrMake).clone();
	}

	private byte[] readOrMake(String name) {
		List<String> stored = read(name);
		if (stored.isEmpty()) {
			byte[] secret = new byte[BYTES];
			this.random.nextBytes(secret);
			try {
				this.jdbc.update("insert into shared_secrets (name, secret, created_at) values (?, ?, ?)", name,
						Base64.getEncoder().encodeToString(secret), OffsetDateTime.now(this.clock));
				return secret;
			}
			catch (DuplicateKeyException madeByAnotherInstanceMeanwhile) {
				stored = read(name);
			}
		}
		return Base64.getDecoder().decode(stored.get(0));
	}

	private List<String> read(String name) {
		return this.jdbc.queryForList("select secret from shared_secrets where name = ?", String.class, name);
	}

}
