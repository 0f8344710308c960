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

	private final Map<String, IssuedRefreshToken> refreshTokens = new ConcurrentHashMap<>();

	private final Queue<String> issuedRefreshTokens = new ConcurrentLinkedQueue<>();

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

	/**
	 * The access token for a code the caller has just marked used.
	 * @param refreshValue the refresh token issued with it, or null for none
	 */
	IssuedToken issueToken(IssuedCode code, String value, Instant expiresAt, String refreshValue) {
		IssuedRefreshToken refresh = (refreshValue != null) ? issueRefreshToken(refreshValue, code.grant().clientId(),
				code.person(), code.grant().scopes()) : null;
		IssuedToken token = new IssuedToken(value, code.grant().clientId(), code.person(), code.grant().scopes(),
				expiresAt, new AtomicBoolean(), refresh, refreshValue);
		this.tokens.put(value, token);
		code.token().set(value);
		this.issuedAccessTokens.add(value);
		return token;
	}

	/**
	 * A new access token for a refresh token (RFC 6749 §6).
	 * @param newRefreshValue the refresh token that replaces the one used (which then no longer works), or null to
	 * keep using the same one
	 */
	IssuedToken refresh(IssuedRefreshToken refresh, String value, Instant expiresAt, String newRefreshValue) {
		IssuedRefreshToken next = refresh;
		if (newRefreshValue != null) {
			refresh.revoked().set(true);
			next = issueRefreshToken(newRefreshValue, refresh.clientId(), refresh.person(), refresh.scopes());
		}
		IssuedToken token = new IssuedToken(value, refresh.clientId(), refresh.person(), refresh.scopes(), expiresAt,
				new AtomicBoolean(), next, newRefreshValue);
		this.tokens.put(value, token);
		this.issuedAccessTokens.add(value);
		return token;
	}

	private IssuedRefreshToken issueRefreshToken(String value, String clientId, FakePerson person,
			Set<String> scopes) {
		IssuedRefreshToken refresh = new IssuedRefreshToken(value, clientId, person, scopes, new AtomicBoolean());
		this.refreshTokens.put(value, refresh);
		this.issuedRefreshTokens.add(value);
		return refresh;
	}

	/** The refresh token with this value, if it was issued and still works. */
	IssuedRefreshToken refreshToken(String value) {
		IssuedRefreshToken refresh = (value != null) ? this.refreshTokens.get(value) : null;
		return (refresh != null && !refresh.revoked().get()) ? refresh : null;
	}

	/**
	 * Revokes a token (RFC 7009): an access token with the refresh token of its grant, a refresh token with every
	 * access token it gave, as Google does.
	 * @return false when the token is unknown, of another client, or revoked already
	 */
	boolean revoke(String value, String clientId) {
		IssuedToken token = (value != null) ? this.tokens.get(value) : null;
		IssuedRefreshToken refresh = (value != null) ? this.refreshTokens.get(value) : null;
		if (token != null && token.clientId().equals(clientId) && !token.revoked().get()) {
			token.revoked().set(true);
			if (token.refresh() != null) {
				revokeGrant(token.refresh());
			}
			return true;
		}
		if (refresh != null && refresh.clientId().equals(clientId) && !refresh.revoked().get()) {
			revokeGrant(refresh);
			return true;
		}
		return false;
	}

	private void revokeGrant(IssuedRefreshToken refresh) {
		refresh.revoked().set(true);
		this.tokens.values().stream().filter((token) -> token.refresh() == refresh)
			.forEach((token) -> token.revoked().set(true));
	}

	/** Revokes every token this client holds for this person (GitHub's grant API). */
	void revokeAllOf(String clientId, FakePerson person) {
		this.tokens.values()
			.stream()
			.filter((token) -> token.clientId().equals(clientId) && token.person().id().equals(person.id()))
			.forEach((token) -> token.revoked().set(true));
		this.refreshTokens.values()
			.stream()
			.filter((refresh) -> refresh.clientId().equals(clientId) && refresh.person().id().equals(person.id()))
			.forEach((refresh) -> refresh.revoked().set(true));
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

	List<String> issuedRefreshTokens() {
		return List.copyOf(this.issuedRefreshTokens);
	}

	/**
	 * An authorization request that passed validation: what its code will be bound to.
	 * @param scope the scope parameter as sent, to repeat it on the consent page's links
	 * @param expiresAt until when its consent page may be answered
	 * @param offline whether it asked for {@code access_type=offline} (Google's way to a refresh token)
	 */
	record Grant(String clientId, String redirectUri, String state, String scope, Set<String> scopes,
			String codeChallenge, String nonce, Instant expiresAt, boolean offline) {
	}

	/** A code, bound to its grant; {@code token} is the access token it gave, to revoke on replay. */
	record IssuedCode(Grant grant, FakePerson person, Instant authTime, Instant expiresAt, AtomicBoolean used,
			AtomicReference<String> token) {
	}

	/**
	 * An access token and what it may read.
	 * @param refresh the refresh token of its grant, or null
	 * @param newRefreshToken the refresh token issued with it, to send in the token answer, or null for none
	 */
	record IssuedToken(String value, String clientId, FakePerson person, Set<String> scopes, Instant expiresAt,
			AtomicBoolean revoked, IssuedRefreshToken refresh, String newRefreshToken) {
	}

	/** A refresh token and the access it renews. */
	record IssuedRefreshToken(String value, String clientId, FakePerson person, Set<String> scopes,
			AtomicBoolean revoked) {
	}

	/** An access token as a profile endpoint finds it. */
	enum TokenState {

		UNKNOWN, REVOKED, EXPIRED, VALID

	}

}
