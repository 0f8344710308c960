package io.github.oauthsignin.fake.oauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer;
import io.github.oauthsignin.fake.oauth2.Dialect.Route;
import io.github.oauthsignin.fake.oauth2.Grants.IssuedToken;
import io.github.oauthsignin.fake.oauth2.Grants.TokenState;

/**
 * One strict fake OAuth 2 / OpenID Connect provider (authorization code grant) over real HTTP on a loopback port,
 * speaking the wire format of a {@link Flavour}: a generic OpenID Connect issuer, GitHub, X over OAuth 2.0 or
 * Facebook. It refuses what the real provider refuses, records every refusal ({@link #refusals()}) and shares no
 * code with the application: a fake that reused the app's own logic would prove nothing.
 * <p>
 * Two modes:
 * <ul>
 * <li>auto-approve ({@link #start(Flavour, String, String)}), for full-flow tests: the authorize endpoint answers at
 * once with a code for {@link #nextPerson(FakePerson)} (or whoever {@link #approveAs} picks), or with the denial
 * redirect after {@link #denyNext()};</li>
 * <li>consent page ({@link #startSandbox(Flavour, int, String, String)}), for people trying the app without an
 * account at the provider: a page (no scripts) where one picks a ready-made person from
 * {@link FakePerson#READY_MADE}, may edit the name and email, then continues or cancels.</li>
 * </ul>
 * <p>
 * What every flavour refuses: a {@code client_id} other than the app's; a {@code redirect_uri} not on the
 * {@link #allowRedirectUri allow-list} (compared as exact strings; the answer is an error page, never a redirect
 * elsewhere); a {@code response_type} other than {@code code}; unknown scopes; OAuth parameters given twice; PKCE
 * other than S256, a challenge that cannot be an S256 one, a missing or wrong {@code code_verifier} for a code that
 * had a challenge, and a verifier for a code that had none (a downgrade); a code used twice (and the token it gave
 * is revoked, RFC 6749 §4.1.2), expired (10 minutes), issued to another client or for another
 * {@code redirect_uri}; a wrong client secret (compared in constant time), or client credentials given both as
 * HTTP Basic and in the body; unknown, expired or revoked access tokens on every profile call. Other authorization
 * request errors get an error page too, as Google's and Facebook's do, rather than an error redirect.
 */
public class FakeOAuth2Provider extends FakeServer {

	/** The authorize endpoint, for {@link #calls(String)} and {@link #failNext} (Facebook: {@code dialog}). */
	public static final String AUTHORIZE = "authorize";

	/** The token endpoint. */
	public static final String TOKEN = "token";

	/** The profile: OIDC's UserInfo, GitHub's {@code /user}, X's {@code /2/users/me} (Facebook: {@code me}). */
	public static final String USER_INFO = "userinfo";

	/**
	 * The revocation endpoint: RFC 7009 for OpenID Connect ({@code {issuer}/revoke}) and X ({@code /2/oauth2/revoke});
	 * GitHub's grant API, {@code DELETE /applications/{client_id}/grant}.
	 */
	public static final String REVOKE = "revoke";

	/** GitHub's {@code /user/repos}. */
	public static final String REPOSITORIES = "repos";

	/** GitHub's {@code /user/emails}. */
	public static final String EMAILS = "emails";

	/** OpenID Connect discovery, {@code {issuer}/.well-known/openid-configuration}. */
	public static final String DISCOVERY = "discovery";

	/** OpenID Connect's JWK Set. */
	public static final String JWKS = "jwks";

	/** The consent page's form; consent-page mode only. */
	public static final String CONSENT = "consent";

	/** The default profile picture, a silhouette. */
	public static final String PICTURE = "picture";

	/** The Graph API version the Facebook flavour speaks; other versions answer 404. */
	public static final String FACEBOOK_VERSION = "v25.0";

	static final String PICTURE_PATH = "/static/silhouette.svg";

	static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

	static final Duration CONSENT_PAGE_LIFETIME = Duration.ofMinutes(30);

	private static final Pattern ISSUER_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)*");

	private final Flavour flavour;

	private final String issuerPath;

	private final String clientId;

	private final String clientSecret;

	private final boolean consentPage;

	private final Dialect dialect;

	private final IdTokens idTokens;

	private final Set<String> allowedRedirectUris = ConcurrentHashMap.newKeySet();

	private final AtomicReference<FakePerson> nextPerson = new AtomicReference<>();

	private final AtomicReference<Function<Request, FakePerson>> approver = new AtomicReference<>();

	private final AtomicBoolean denyNext = new AtomicBoolean();

	private final AtomicBoolean publicEmail = new AtomicBoolean();

	private final AtomicReference<String> appName;

	private final AtomicReference<String> providerName = new AtomicReference<>("Sandbox ID");

	private final AtomicReference<Duration> clockOffset = new AtomicReference<>(Duration.ZERO);

	private final AtomicReference<Map<String, String>> lastAuthorizationRequest = new AtomicReference<>(Map.of());

	private final AtomicReference<IdTokenAttack> idTokenAttack = new AtomicReference<>();

	private final AtomicReference<String> nextUserInfoSubject = new AtomicReference<>();

	private final AtomicReference<Optional<String>> nextCallbackIssuer = new AtomicReference<>();

	private final Grants grants = new Grants();

	private final TokenEndpoint tokenEndpoint;

	/**
	 * For thin per-provider wrappers such as {@code FakeFacebook}; everyone else uses the factories.
	 * @param issuerPath the OpenID Connect issuer's path after the port ({@code ""} or such as {@code /realms/acme})
	 */
	protected FakeOAuth2Provider(Flavour flavour, int port, String issuerPath, String clientId, String clientSecret,
			boolean consentPage) {
		super(checkedPort(flavour, port, issuerPath, clientId, clientSecret));
		this.flavour = flavour;
		this.issuerPath = issuerPath;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.consentPage = consentPage;
		this.appName = new AtomicReference<>("App " + clientId);
		this.idTokens = (flavour == Flavour.OIDC) ? new IdTokens() : null;
		this.nextPerson.set(flavour.person(FakePerson.READY_MADE.get(0)));
		this.dialect = flavour.dialect(this);
		AuthorizeEndpoint authorize = new AuthorizeEndpoint(this, this.dialect, this.grants);
		route(this.dialect.authorizeEndpoint(), this.dialect.authorizePath(), authorize::authorize);
		route(CONSENT, this.dialect.consentPath(), authorize::consent);
		this.tokenEndpoint = new TokenEndpoint(this, this.dialect, this.grants);
		route(TOKEN, this.dialect.tokenPath(), this.tokenEndpoint::token);
		route(PICTURE, PICTURE_PATH, FakeOAuth2Provider::picture);
		for (Route extra : this.dialect.routes()) {
			route(extra.endpoint(), extra.path(), extra.handler()::apply);
		}
	}

	/** Checks the app's credentials and the issuer path before the server binds its port. */
	private static int checkedPort(Flavour flavour, int port, String issuerPath, String clientId,
			String clientSecret) {
		Objects.requireNonNull(flavour, "flavour");
		if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
			throw new IllegalArgumentException("An OAuth 2 client needs a client id and a client secret");
		}
		if (issuerPath == null || !ISSUER_PATH.matcher(issuerPath).matches()
				|| (!issuerPath.isEmpty() && flavour != Flavour.OIDC)) {
			throw new IllegalArgumentException("Not an issuer path (\"\" or like /realms/acme, OIDC only): "
					+ issuerPath);
		}
		return port;
	}

	/**
	 * Starts a fake provider in auto-approve mode on a free loopback port, for tests that run the whole sign-in
	 * without a browser: each authorization request answers at once, as {@link #nextPerson(FakePerson)}.
	 * @param clientId the client id the app will send
	 * @param clientSecret the client secret the app will authenticate with
	 * @return the running fake; close it when done
	 */
	public static FakeOAuth2Provider start(Flavour flavour, String clientId, String clientSecret) {
		return start(flavour, 0, "", clientId, clientSecret);
	}

	/**
	 * Starts a fake provider in auto-approve mode on a given port, so that a test can reserve the port, start the
	 * app against a provider that is not there yet, then bring the provider up.
	 * @param port the loopback port, 0 for any free one
	 */
	public static FakeOAuth2Provider start(Flavour flavour, int port, String clientId, String clientSecret) {
		return start(flavour, port, "", clientId, clientSecret);
	}

	/**
	 * Starts a fake OpenID Connect provider in auto-approve mode whose issuer has a path, like Keycloak's
	 * {@code /realms/acme}, so that tests see whether discovery and the issuer check handle one.
	 * @param issuerPath {@code ""} or a path such as {@code /realms/acme} (no trailing slash)
	 */
	public static FakeOAuth2Provider start(Flavour flavour, int port, String issuerPath, String clientId,
			String clientSecret) {
		FakeOAuth2Provider provider = new FakeOAuth2Provider(flavour, port, issuerPath, clientId, clientSecret,
				false);
		provider.start();
		return provider;
	}

	/**
	 * Starts a fake provider in consent-page mode, so that people trying the app without an account at the
	 * provider can click through a provider-like page and pick (or make up) who signs in.
	 * @param port the loopback port, 0 for any free one
	 */
	public static FakeOAuth2Provider startSandbox(Flavour flavour, int port, String clientId, String clientSecret) {
		return startSandbox(flavour, port, "", clientId, clientSecret);
	}

	/** {@link #startSandbox(Flavour, int, String, String)} for an OpenID Connect issuer with a path. */
	public static FakeOAuth2Provider startSandbox(Flavour flavour, int port, String issuerPath, String clientId,
			String clientSecret) {
		FakeOAuth2Provider provider = new FakeOAuth2Provider(flavour, port, issuerPath, clientId, clientSecret,
				true);
		provider.start();
		return provider;
	}

	// ---------------------------------------------------------------- where the app points

	public final Flavour flavour() {
		return this.flavour;
	}

	/**
	 * The OpenID Connect issuer, exactly as the discovery document and the ID tokens say it, to configure as the
	 * app's issuer URI.
	 * @return {@code http://127.0.0.1:<port>} plus the issuer path
	 */
	public final String issuer() {
		requireOidc("issuer");
		return baseUri() + this.issuerPath;
	}

	/** Where the app sends the browser to sign in. */
	public final String authorizationUri() {
		return baseUri() + this.dialect.authorizePath();
	}

	/** Where the app exchanges a code for an access token. */
	public final String tokenUri() {
		return baseUri() + this.dialect.tokenPath();
	}

	/**
	 * Where the app reads the person's profile: {@code {issuer}/userinfo}, GitHub's {@code <base>/api/user}, X's
	 * {@code <base>/2/users/me?user.fields=profile_image_url}, Facebook's
	 * {@code <base>/v25.0/me?fields=id,name,email,picture}.
	 */
	public final String userInfoUri() {
		return this.dialect.userInfoUri();
	}

	/** The OpenID Connect JWK Set, {@code {issuer}/jwks}. */
	public final String jwkSetUri() {
		requireOidc("jwkSetUri");
		return issuer() + "/jwks";
	}

	// ---------------------------------------------------------------- test knobs

	/**
	 * Adds a redirect URI to the app's registration: the provider redirects only to URIs listed here, compared as
	 * exact strings. Until one is added, every authorization request is refused.
	 * @param uri an absolute http(s) URI without a fragment
	 */
	public final void allowRedirectUri(String uri) {
		Objects.requireNonNull(uri, "uri");
		if (!(uri.startsWith("http://") || uri.startsWith("https://")) || uri.contains("#")) {
			throw new IllegalArgumentException("Not a valid OAuth redirect URI: " + uri);
		}
		this.allowedRedirectUris.add(uri);
	}

	/**
	 * Chooses who approves the next authorization requests in auto-approve mode, so that tests can sign in as
	 * different people. It stays until changed or {@link #reset()}. A ready-made person gets this provider's kind
	 * of id (see {@link Flavour}).
	 * @param person someone who could exist at this provider (Facebook, GitHub and X: a numeric id)
	 */
	public final void nextPerson(FakePerson person) {
		requireAutoApprove("nextPerson");
		this.nextPerson.set(this.flavour.person(person));
	}

	/**
	 * Lets each authorization request say who approves it (auto-approve mode), the way a real provider knows who
	 * is signed in from its own cookies; many browsers signing in at once as different people (the benchmark's load
	 * driver) cannot share one {@link #nextPerson}. Every check still applies; only the choice of person moves. It
	 * stays until replaced or {@link #reset()}.
	 * @param chooser who approves, from the request (its cookies); null from it means {@link #nextPerson}. A
	 * person who could not exist at this provider fails the request.
	 */
	public final void approveAs(Function<Request, FakePerson> chooser) {
		requireAutoApprove("approveAs");
		this.approver.set(Objects.requireNonNull(chooser, "chooser"));
	}

	/**
	 * Makes the person decline the next authorization request that gets past validation (auto-approve mode), so
	 * that tests can check how the app takes a cancelled sign-in.
	 */
	public final void denyNext() {
		requireAutoApprove("denyNext");
		this.denyNext.set(true);
	}

	/** Names the app on the consent page; by default {@code App <client id>}. */
	public final void appName(String name) {
		this.appName.set(Objects.requireNonNull(name, "name"));
	}

	/** Names the OpenID Connect provider on its consent page ("Sign in to Google"); by default "Sandbox ID". */
	public final void providerName(String name) {
		this.providerName.set(Objects.requireNonNull(name, "name"));
	}

	/**
	 * Makes GitHub's {@code /user} show the person's email as their public one; by default it shows
	 * {@code "email": null}, as for most GitHub users, so that the app must ask {@code /user/emails}.
	 */
	public final void publicEmail(boolean shown) {
		this.publicEmail.set(shown);
	}

	/** Moves the fake's clock forward, so that codes, tokens and ID tokens expire without waiting. */
	public final void advanceClock(Duration duration) {
		this.clockOffset.accumulateAndGet(duration, Duration::plus);
	}

	/**
	 * Breaks the next ID token issued, and only that one, as the attack says (OpenID Connect only).
	 * @param attack what to break
	 */
	public final void attackNextIdToken(IdTokenAttack attack) {
		requireOidc("attackNextIdToken");
		this.idTokenAttack.set(Objects.requireNonNull(attack, "attack"));
	}

	/**
	 * Makes the next UserInfo answer, and only that one, carry another {@code sub} than the ID token's, which a
	 * client must refuse (OpenID Connect Core §5.3.2).
	 */
	public final void nextUserInfoSubject(String subject) {
		requireOidc("nextUserInfoSubject");
		this.nextUserInfoSubject.set(Objects.requireNonNull(subject, "subject"));
	}

	/**
	 * Makes the next redirect back to the app, and only that one, carry this {@code iss} instead of the issuer (RFC
	 * 9207), as a mix-up attack would (OpenID Connect only; its discovery document advertises
	 * {@code authorization_response_iss_parameter_supported}).
	 * @param issuer the {@code iss} to send, or null to send none
	 */
	public final void nextCallbackIssuer(String issuer) {
		requireOidc("nextCallbackIssuer");
		this.nextCallbackIssuer.set(Optional.ofNullable(issuer));
	}

	/** Replaces the signing key under a new {@code kid}; the old key leaves the JWK Set (OpenID Connect only). */
	public final void rotateKeys() {
		requireOidc("rotateKeys");
		this.idTokens.rotate();
	}

	/**
	 * Signs ID tokens from now on with a new key for this algorithm, which the JWK Set publishes instead of the old
	 * one and discovery lists alone in {@code id_token_signing_alg_values_supported} (OpenID Connect only). Kept by
	 * {@link #reset()}, as keys are.
	 * @param algorithm RS256 (the default), PS256, ES256 or EdDSA (Ed25519)
	 */
	public final void signIdTokensWith(String algorithm) {
		requireOidc("signIdTokensWith");
		this.idTokens.signWith(algorithm);
	}

	/**
	 * Publishes the JWK Set's keys as encryption keys ({@code "use":"enc"}), so that none may verify an ID token:
	 * an issuer that is not set up correctly (OpenID Connect only). Until {@link #reset()}.
	 */
	public final void publishUnusableKeys() {
		requireOidc("publishUnusableKeys");
		this.idTokens.publishUnusable(true);
	}

	/** Every access token issued so far, oldest first, so tests can check none leaks into pages, logs or URLs. */
	public final List<String> issuedAccessTokens() {
		return this.grants.issuedAccessTokens();
	}

	/** Every refresh token issued so far, oldest first. */
	public final List<String> issuedRefreshTokens() {
		return this.grants.issuedRefreshTokens();
	}

	/**
	 * Whether this access or refresh token still works here: issued, not revoked, not expired (an access token) and
	 * not replaced (a refresh token).
	 */
	public final boolean isActive(String token) {
		return this.grants.refreshToken(token) != null || check(this.grants.token(token)) == TokenState.VALID;
	}

	/** Every ID token issued so far, oldest first. */
	public final List<String> issuedIdTokens() {
		return this.grants.issuedIdTokens();
	}

	/**
	 * The query parameters (first values) of the last request to the authorize endpoint, refused or not, so tests
	 * can check the app sent {@code state}, PKCE and {@code nonce}; empty before the first.
	 */
	public final Map<String, String> lastAuthorizationRequest() {
		return this.lastAuthorizationRequest.get();
	}

	/**
	 * Forgets counts, faults, refusals and the last authorization request, and restores the defaults (the first
	 * ready-made person, no {@link #approveAs chooser}, no pending denial, ID token attack or UserInfo subject, no
	 * public GitHub email, usable keys), so that one fake can serve several tests. Issued codes and tokens, allowed
	 * redirect URIs, signing keys (and their algorithm) and the clock are kept.
	 */
	@Override
	public final void reset() {
		super.reset();
		this.nextPerson.set(this.flavour.person(FakePerson.READY_MADE.get(0)));
		this.approver.set(null);
		this.denyNext.set(false);
		this.publicEmail.set(false);
		this.idTokenAttack.set(null);
		this.nextUserInfoSubject.set(null);
		this.nextCallbackIssuer.set(null);
		this.lastAuthorizationRequest.set(Map.of());
		if (this.idTokens != null) {
			this.idTokens.publishUnusable(false);
		}
	}

	// ---------------------------------------------------------------- for the endpoints and dialects

	void refuse(String why) {
		refused(why);
	}

	/** The fake's clock: the real one, moved by {@link #advanceClock(Duration)}. */
	Instant now() {
		return Instant.now().plus(this.clockOffset.get());
	}

	String issuerPath() {
		return this.issuerPath;
	}

	String clientId() {
		return this.clientId;
	}

	String clientSecret() {
		return this.clientSecret;
	}

	boolean consentPage() {
		return this.consentPage;
	}

	boolean redirectAllowed(String uri) {
		return this.allowedRedirectUris.contains(uri);
	}

	String appName() {
		return this.appName.get();
	}

	String providerName() {
		return this.providerName.get();
	}

	boolean publicEmail() {
		return this.publicEmail.get();
	}

	IdTokens idTokens() {
		return this.idTokens;
	}

	void recordAuthorizationRequest(Map<String, String> parameters) {
		this.lastAuthorizationRequest.set(parameters);
	}

	/** Whether to decline this request, once, after {@link #denyNext()}. */
	boolean takeDenial() {
		return this.denyNext.getAndSet(false);
	}

	/** Who approves this request: the chooser's pick, or else {@link #nextPerson(FakePerson)}. */
	FakePerson approverOf(Request request) {
		Function<Request, FakePerson> chooser = this.approver.get();
		FakePerson chosen = (chooser != null) ? chooser.apply(request) : null;
		return (chosen != null) ? this.flavour.person(chosen) : this.nextPerson.get();
	}

	/** The attack set with {@link #attackNextIdToken(IdTokenAttack)}, once. */
	IdTokenAttack takeIdTokenAttack() {
		return this.idTokenAttack.getAndSet(null);
	}

	/**
	 * The {@code iss} of this redirect back to the app: the one set with {@link #nextCallbackIssuer(String)}, once,
	 * or else the dialect's.
	 */
	String takeCallbackIssuer() {
		Optional<String> next = this.nextCallbackIssuer.getAndSet(null);
		return (next != null) ? next.orElse(null) : this.dialect.callbackIssuer();
	}

	/** The subject set with {@link #nextUserInfoSubject(String)}, once. */
	String takeUserInfoSubject() {
		return this.nextUserInfoSubject.getAndSet(null);
	}

	IssuedToken token(String value) {
		return this.grants.token(value);
	}

	/** The RFC 7009 revocation endpoint, for the dialects that have one. */
	Response revoke(Request request) {
		return this.tokenEndpoint.revoke(request);
	}

	/** Revokes every token of this client for this person (GitHub's grant API). */
	void revokeAllOf(FakePerson person) {
		this.grants.revokeAllOf(this.clientId, person);
	}

	TokenState check(IssuedToken token) {
		return Grants.check(token, now());
	}

	// ---------------------------------------------------------------- helpers

	private static Response picture(Request request) {
		return defaultPicture();
	}

	private void requireAutoApprove(String what) {
		if (this.consentPage) {
			throw new IllegalStateException(what + " is for auto-approve mode; here people choose on the page");
		}
	}

	private void requireOidc(String what) {
		if (this.flavour != Flavour.OIDC) {
			throw new IllegalStateException(what + " is for the OIDC flavour, not " + this.flavour);
		}
	}

}
