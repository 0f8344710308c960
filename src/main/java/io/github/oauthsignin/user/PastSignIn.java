package io.github.oauthsignin.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One sign-in to an account, as its history on the account page shows it: when, with which provider, from which
 * client address (as the trusted proxy reports it) and the browser's and operating system's names. Nothing the provider said is kept
 * here. A row may also record a stolen "Keep me signed in" token found out ({@link Kind#STOLEN_REMEMBER_ME}): when,
 * the provider it was made through, and the request that presented the copy found out.
 */
@Entity
@Table(name = "sign_in_history")
public class PastSignIn {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "user_id", nullable = false, updatable = false)
	private long userId;

	@Column(nullable = false, updatable = false, length = 15)
	private String provider;

	@Column(name = "signed_in_at", nullable = false, updatable = false)
	private Instant signedInAt;

	@Column(name = "client_address", updatable = false, length = 45)
	private String clientAddress;

	@Column(updatable = false, length = 20)
	private String browser;

	@Column(name = "operating_system", updatable = false, length = 20)
	private String system;

	@Column(nullable = false, updatable = false, length = 16)
	private String kind = Kind.SIGN_IN.value;

	protected PastSignIn() {
		// for JPA
	}

	PastSignIn(long userId, String provider, Instant signedInAt, SignInOrigin origin) {
		this.userId = userId;
		this.provider = provider;
		this.signedInAt = signedInAt;
		this.clientAddress = origin.clientAddress();
		this.browser = origin.browser();
		this.system = origin.system();
	}

	/**
	 * A "Keep me signed in" token of this account used twice: someone may have copied its cookie.
	 * @param provider the provider the token was made through, or null when unknown
	 */
	public static PastSignIn stolenRememberMe(long userId, String provider, Instant at, SignInOrigin origin) {
		PastSignIn row = new PastSignIn(userId, (provider != null) ? provider : "", at, origin);
		row.kind = Kind.STOLEN_REMEMBER_ME.value;
		return row;
	}

	/** Whether this row is a sign-in, or a stolen token found out. */
	public Kind getKind() {
		return Kind.STOLEN_REMEMBER_ME.value.equals(this.kind) ? Kind.STOLEN_REMEMBER_ME : Kind.SIGN_IN;
	}

	public String getProvider() {
		return this.provider;
	}

	public Instant getSignedInAt() {
		return this.signedInAt;
	}

	/** The client's address as the trusted proxy reported it, or null when unknown. */
	public String getClientAddress() {
		return this.clientAddress;
	}

	/** The browser's product name, such as Firefox, or null when it was not recognised. */
	public String getBrowser() {
		return this.browser;
	}

	/** The operating system's product name, such as Linux, or null when it was not recognised. */
	public String getSystem() {
		return this.system;
	}

	/** What a row of the history records ({@code sign_in_history.kind}). */
	public enum Kind {

		/** A sign-in through a provider. */
		SIGN_IN("sign-in"),

		/**
		 * A "Keep me signed in" token presented after it had been used already: every session and token of the
		 * account was ended then.
		 */
		STOLEN_REMEMBER_ME("stolen-token");

		private final String value;

		Kind(String value) {
			this.value = value;
		}

	}

}
