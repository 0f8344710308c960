package io.github.oauthsignin.passkey;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.oauthsignin.user.IdentityRepository;
import io.github.oauthsignin.user.InvisibleCharacters;
import io.github.oauthsignin.user.OtherWaysIn;
import io.github.oauthsignin.user.TextTruncation;
import io.github.oauthsignin.user.UserRepository;

/**
 * The passkeys of every account, in Spring Security's tables ({@code user_entities}, {@code user_credentials}): an
 * account's user entity is named by its user id, and holds the random user handle its passkeys carry. A passkey is
 * a way in for the account linking rules ({@link OtherWaysIn}): the last way in, passkey or provider, can't be
 * removed.
 */
@Component
public class PasskeyCredentials implements OtherWaysIn {

	/** The way in of a session signed in with a passkey, and of its history rows. */
	public static final String WAY_IN = "passkey";

	private static final Logger logger = LoggerFactory.getLogger(PasskeyCredentials.class);

	/** The longest name a passkey may have. */
	public static final int MAX_LABEL = 60;

	private static final String OWNER = "(select id from user_entities where name = ?)";

	private final JdbcTemplate jdbc;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final JdbcUserCredentialRepository credentials;

	private final UserRepository users;

	private final IdentityRepository identities;

	private final TransactionTemplate transactions;

	PasskeyCredentials(JdbcTemplate jdbc, PublicKeyCredentialUserEntityRepository userEntities,
			UserRepository users, IdentityRepository identities, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.userEntities = userEntities;
		this.credentials = new JdbcUserCredentialRepository(jdbc);
		this.users = users;
		this.identities = identities;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public String wayIn() {
		return WAY_IN;
	}

	@Override
	public int count(long userId) {
		Integer count = this.jdbc.queryForObject("select count(*) from user_credentials where user_entity_user_id = "
				+ OWNER, Integer.class, Long.toString(userId));
		return (count != null) ? count : 0;
	}

	/** The account's passkeys, the one made first first. */
	public List<CredentialRecord> of(long userId) {
		PublicKeyCredentialUserEntity entity = this.userEntities.findByUsername(Long.toString(userId));
		if (entity == null) {
			return List.of();
		}
		return this.credentials.findByUserId(entity.getId())
			.stream()
			.sorted(Comparator.comparing(CredentialRecord::getCreated, Comparator.nullsLast(Comparator.naturalOrder())))
			.toList();
	}

	/** The account's user entity, made now (with a new random user handle) when it has none. */
	PublicKeyCredentialUserEntity userEntity(long userId, String displayName) {
		String name = Long.toString(userId);
		PublicKeyCredentialUserEntity entity = this.userEntities.findByUsername(name);
		if (entity == null) {
			entity = ImmutablePublicKeyCredentialUserEntity.builder()
				.id(Bytes.random())
				.name(name)
				.displayName(displayName)
				.build();
			this.userEntities.save(entity);
		}
		return entity;
	}

	/** The account a user entity (as the relying party operations found it) belongs to. */
	static Optional<Long> userIdOf(PublicKeyCredentialUserEntity entity) {
		try {
			return Optional.of(Long.parseLong(entity.getName()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/** The passkey with this credential id, if any account has it. */
	Optional<CredentialRecord> find(Bytes credentialId) {
		return Optional.ofNullable(this.credentials.findByCredentialId(credentialId));
	}

	/**
	 * Names one of the account's passkeys.
	 * @return false when it has no such passkey, or the name is empty once cleaned
	 */
	public boolean rename(long userId, String credentialId, String label) {
		String cleaned = cleanLabel(label);
		return !cleaned.isEmpty() && this.jdbc.update("update user_credentials set label = ? where credential_id = ? "
				+ "and user_entity_user_id = " + OWNER, cleaned, credentialId, Long.toString(userId)) > 0;
	}

	/** A passkey's name as kept: no invisible characters, no spaces around it, at most {@value #MAX_LABEL} long. */
	public static String cleanLabel(String label) {
		return (label != null) ? TextTruncation.truncate(InvisibleCharacters.remove(label).strip(), MAX_LABEL) : "";
	}

	/**
	 * Removes one of the account's passkeys, unless it is the account's last way in. The account is locked first, as
	 * for disconnecting a provider, so that two removals at once cannot leave it with none.
	 */
	public Removal remove(long userId, String credentialId) {
		return this.transactions.execute((status) -> {
			if (this.users.findByIdForUpdate(userId).isEmpty()) {
				return Removal.NOT_FOUND;
			}
			int passkeys = count(userId);
			if (this.identities.findByUser(userId).isEmpty() && passkeys == 1) {
				boolean owned = this.jdbc.queryForObject("select count(*) from user_credentials where credential_id = ?"
						+ " and user_entity_user_id = " + OWNER, Integer.class, credentialId, Long.toString(userId)) > 0;
				return owned ? Removal.LAST_WAY_IN : Removal.NOT_FOUND;
			}
			int removed = this.jdbc.update("delete from user_credentials where credential_id = ? and user_entity_user_id = "
					+ OWNER, credentialId, Long.toString(userId));
			return (removed > 0) ? Removal.REMOVED : Removal.NOT_FOUND;
		});
	}

	/** Deletes every passkey of the account, and its user entity (the account is being deleted). */
	public void deleteAll(long userId) {
		this.jdbc.update("delete from user_entities where name = ?", Long.toString(userId));
	}

	/**
	 * The credentials as the relying party operations must see them: saving a passkey that exists (after a sign-in
	 * with it) is refused when its signature counter did not go up, unless it is 0, as synced passkeys report.
	 */
	UserCredentialRepository guarded() {
		return new UserCredentialRepository() {

			@Override
			public void delete(Bytes credentialId) {
				PasskeyCredentials.this.credentials.delete(credentialId);
			}

			@Override
			public void save(CredentialRecord record) {
				CredentialRecord stored = PasskeyCredentials.this.credentials.findByCredentialId(record.getCredentialId());
				if (stored != null && record.getSignatureCount() != 0
						&& record.getSignatureCount() <= stored.getSignatureCount()) {
					logger.warn("A passkey's signature counter went from {} to {}: it may have been cloned; refused",
							stored.getSignatureCount(), record.getSignatureCount());
					throw new SignCountRegressionException();
				}
				PasskeyCredentials.this.credentials.save(record);
			}

			@Override
			public CredentialRecord findByCredentialId(Bytes credentialId) {
				return PasskeyCredentials.this.credentials.findByCredentialId(credentialId);
			}

			@Override
			public List<CredentialRecord> findByUserId(Bytes userId) {
				return PasskeyCredentials.this.credentials.findByUserId(userId);
			}

		};
	}

	/** When a passkey was used last, for a record that may never have been. */
	static Optional<Instant> lastUsed(CredentialRecord record) {
		return Optional.ofNullable(record.getLastUsed());
	}

	/** What removing a passkey did. */
	public enum Removal {

		/** It no longer signs anyone in. */
		REMOVED,

		/** It is the account's only way in: refused, nothing changed. */
		LAST_WAY_IN,

		/** The account has no such passkey. */
		NOT_FOUND

	}

	/** A sign-in whose signature counter did not go up: the passkey may have been cloned. */
	static final class SignCountRegressionException extends RuntimeException {

		SignCountRegressionException() {
			super("The signature counter did not go up");
		}

	}

}
