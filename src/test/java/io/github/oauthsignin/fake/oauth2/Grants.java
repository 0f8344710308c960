package io.github.oauthsignin.fake.oauth2;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.oauthsignin.fake.FakePerson;

/**
 * What a fake provider has handed out: pending consent pages, codes and access tokens, each bound to what it was
 * issued for, so that the endpoints can refuse any use that does not match. Thread-safe: the load benchmark signs in
 * many people at once.
 */
final class Grants {

	private final Map<String, Grant> dialogs = new ConcurrentHashMap<>();

	private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();

	private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

	private final Queue<String> issuedAccessTokens = new ConcurrentLinkedQueue<>();

	private final Queue<String> issuedIdTokens = new ConcurrentLinkedQueue<>();

	/** Keeps a request waiting on the consent page; the id goes into the page's form. */
	String openDialog(Grant grant, Instant now) {
		this.dialogs.values().removeIf((pending) -> pending.expiresAt().isBefore(now));
		String id = Digests.randomToken(24);
		this.dialogs.put(id, grant);
		return id;
	}

	/** The request a consent form answers, or null when unknown, answered or expired. */
	Grant dialog(String id, Instant now) {
		Grant grant = (id != null) ? this.dialogs.get(id) : null;
		return (grant == null || grant.expiresAt().isBefore(now)) ? null : grant;
	}

	/** Answers a consent page once: false when it was answered already (a double submit or a replay). */
	boolean closeDialog(String id) {
		return this.dialogs.remove(id) != null;
	}

	String issueCode(Grant grant, FakePerson person, Instant now) {
		String code = Digests.randomToken(96);
		this.codes.put(code, new IssuedCode(grant, person, now, now.plus(FakeOAuth2Provider.CODE_LIFETIME),
				new AtomicBoolean(), new AtomicReference<>()));
		return code;
	}

	IssuedCode code(String value) {
		return this.codes.get(value);
	}

	/** The access token for a code the caller has just marked used. */
	IssuedToken issueToken(IssuedCode code, String value, Instant expiresAt) {
		IssuedToken token = new IssuedToken(value, code.grant().clientId(), code.person(), code.grant().scopes(),
				expiresAt, new AtomicBoolean());
		this.tokens.put(value, token);
		code.token().set(value);
		this.issuedAccessTokens.add(value);
		return token;
	}

	/** A replayed code may mean a stolen one: the token it gave is revoked (RFC 6749 §4.1.2). */
	void revokeTokenOf(IssuedCode code) {
		String value = code.token().get();
		IssuedToken token = (value != null) ? this.tokens.get(value) : null;
		if (token != null) {
			token.revoked().set(true);
		}
	}

	void recordIdToken(String idToken) {
		this.issuedIdTokens.add(idToken);
	}

	IssuedToken token(String value) {
		return (value != null) ? this.tokens.get(value) : null;
	}

	/** What a profile endpoint must make of a token: anything but {@link TokenState#VALID} is refused. */
	static TokenState check(IssuedToken token, Instant now) {
		if (token == null) {
			return TokenState.UNKNOWN;
		}
		if (token.revoked().get()) {
			return TokenState.REVOKED;
		}
		return now.isAfter(token.expiresAt()) ? TokenState.EXPIRED : TokenState.VALID;
	}

	List<String> issuedAccessTokens() {
		return List.copyOf(this.issuedAccessTokens);
	}

	List<String> issuedIdTokens() {
		return List.copyOf(this.issuedIdTokens);
	}

	/**
	 * An authorization request that passed validation: what its code will be bound to.
	 * @param scope the scope parameter as sent, to repeat it on the consent page's links
	 * @param expiresAt until when its consent page may be answered
	 */
	record Grant(String clientId, String redirectUri, String state, String scope, Set<String> scopes,
			String codeChallenge, String nonce, Instant expiresAt) {
	}

	/** A code, bound to its grant; {@code token} is the access token it gave, to revoke on replay. */
	record IssuedCode(Grant grant, FakePerson person, Instant authTime, Instant expiresAt, AtomicBoolean used,
			AtomicReference<String> token) {
	}

	/** An access token and what it may read. */
	record IssuedToken(String value, String clientId, FakePerson person, Set<String> scopes, Instant expiresAt,
			AtomicBoolean revoked) {
	}

	/** An access token as a profile endpoint finds it. */
	enum TokenState {

		UNKNOWN, REVOKED, EXPIRED, VALID

	}

}
