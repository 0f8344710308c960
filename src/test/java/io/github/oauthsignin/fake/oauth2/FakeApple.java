package io.github.oauthsignin.fake.oauth2;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A strict stand-in for Sign in with Apple over real HTTP on a loopback port, behaving as Apple does where Apple
 * differs from a plain OpenID Connect provider:
 * <ul>
 * <li>the answer goes back by a <em>form post</em>: a page whose form (submitted by a script, or by its button)
 * POSTs {@code code}, {@code state} and, on the person's very first consent only, {@code user} (a JSON object with the
 * name and email, unsigned) to the redirect URI; {@code response_mode=form_post} is required for the scopes
 * {@code name} and {@code email};</li>
 * <li>the client secret is an ES256 JWT checked against the registered key's public half
 * ({@link AppleClientSecretCheck}), at the token and the revocation endpoint;</li>
 * <li>no UserInfo: the RS256 ID token carries {@code sub}, {@code email}, {@code email_verified} and
 * {@code is_private_email}, the last two as the strings {@code "true"}/{@code "false"}; a person may hide their
 * email behind a private relay address;</li>
 * <li>revocation at {@code /auth/revoke} ({@code token}, {@code token_type_hint}, client id and secret);</li>
 * <li>server-to-server notifications: {@link #notification} signs the JWT Apple would post.</li>
 * </ul>
 * Refusals are recorded ({@link #refusals()}), as in {@link FakeOAuth2Provider}.
 */
public final class FakeApple extends FakeServer {

	public static final String AUTHORIZE = "authorize";

	public static final String TOKEN = "token";

	public static final String REVOKE = "revoke";

	public static final String JWKS = "jwks";

	public static final String DISCOVERY = "discovery";

	public static final String CONSENT = "consent";

	static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> SCOPES = Set.of("openid", "name", "email");

	private final String clientId;

	private final String teamId;

	private final String keyId;

	private final KeyPair clientKey;

	private final boolean consentPage;

	private final AppleClientSecretCheck registeredKey;

	private final AtomicReference<AppleClientSecretCheck> secrets = new AtomicReference<>();

	private final IdTokens idTokens = new IdTokens();

	private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();

	private final Set<String> consented = ConcurrentHashMap.newKeySet();

	private final Map<String, Code> codes = new ConcurrentHashMap<>();

	private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<String> revoked = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<String> issuedRefreshTokens = new ConcurrentLinkedQueue<>();

	private final AtomicReference<FakePerson> nextPerson = new AtomicReference<>();

	private final AtomicBoolean hideEmail = new AtomicBoolean();

	private final AtomicBoolean denyNext = new AtomicBoolean();

	private final AtomicReference<IdTokenAttack> attack = new AtomicReference<>();

	private final AtomicReference<Duration> clockOffset = new AtomicReference<>(Duration.ZERO);

	private final AtomicReference<Map<String, String>> lastAuthorization = new AtomicReference<>(Map.of());

	private FakeApple(int port, String clientId, String teamId, String keyId, boolean consentPage) {
		super(port);
		this.clientId = Objects.requireNonNull(clientId);
		this.teamId = Objects.requireNonNull(teamId);
		this.keyId = Objects.requireNonNull(keyId);
		this.consentPage = consentPage;
		this.clientKey = newClientKey();
		this.registeredKey = new AppleClientSecretCheck(teamId, keyId, clientId,
				(ECPublicKey) this.clientKey.getPublic());
		this.secrets.set(this.registeredKey);
		this.nextPerson.set(appleId(FakePerson.READY_MADE.get(0)));
		route(DISCOVERY, "/.well-known/openid-configuration", this::discovery);
		route(AUTHORIZE, "/auth/authorize", this::authorize);
		route(CONSENT, "/auth/consent", this::consent);
		route(TOKEN, "/auth/token", this::token);
		route(JWKS, "/auth/keys", (request) -> Response.json(200, this.idTokens.jwks()));
		route(REVOKE, "/auth/revoke", this::revoke);
	}

	/** In auto-approve mode: each authorization answers at once as {@link #nextPerson}. */
	public static FakeApple start(String clientId, String teamId, String keyId) {
		return start(0, clientId, teamId, keyId, false);
	}

	/** On a given port (0: any), with the consent page people use in the sandbox, or auto-approving. */
	public static FakeApple start(int port, String clientId, String teamId, String keyId, boolean consentPage) {
		FakeApple apple = new FakeApple(port, clientId, teamId, keyId, consentPage);
		apple.start();
		return apple;
	}

	// ---------------------------------------------------------------- where the app points

	/** The issuer, {@code http://127.0.0.1:<port>}, as the ID tokens and discovery say it. */
	public String issuer() {
		return baseUri().toString().replaceAll("/$", "");
	}

	/**
	 * The {@code .p8} key Apple lets a team download once, as PEM: the app signs its client secrets with it, and this
	 * stand-in checks them with its public half.
	 */
	public String privateKeyPem() {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(this.clientKey.getPrivate().getEncoded());
		return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
	}

	// ---------------------------------------------------------------- test knobs

	public void allowRedirectUri(String uri) {
		this.redirectUris.add(uri);
	}

	/** Who approves the next authorizations (auto-approve mode), with a made-up Apple id when theirs is not one. */
	public void nextPerson(FakePerson person) {
		this.nextPerson.set(appleId(person));
	}

	/** Whether people choose "Hide My Email": the ID token then has a private relay address. */
	public void hideEmail(boolean hide) {
		this.hideEmail.set(hide);
	}

	/** The next authorization is cancelled by the person ({@code user_cancelled_authorize}). */
	public void denyNext() {
		this.denyNext.set(true);
	}

	/** Breaks the next ID token as the attack says (nonce, audience, expiry, signature, unknown key...). */
	public void attackNextIdToken(IdTokenAttack attack) {
		this.attack.set(attack);
	}

	public void advanceClock(Duration duration) {
		this.clockOffset.accumulateAndGet(duration, Duration::plus);
	}

	/**
	 * Registers another key under the same key id, as if the team had revoked theirs and made a new one: the app's
	 * client secrets no longer verify. Until {@link #reset()}.
	 */
	public void replaceRegisteredKey() {
		this.secrets.set(new AppleClientSecretCheck(this.teamId, this.keyId, this.clientId,
				(ECPublicKey) newClientKey().getPublic()));
	}

	/** Forgets that people consented, so that the next sign-in sends the {@code user} field again. */
	public void forgetConsents() {
		this.consented.clear();
	}

	/** The query of the last authorization request, refused or not. */
	public Map<String, String> lastAuthorizationRequest() {
		return this.lastAuthorization.get();
	}

	/** Every refresh token issued, oldest first. */
	public List<String> issuedRefreshTokens() {
		return List.copyOf(this.issuedRefreshTokens);
	}

	/** Every token revoked at {@code /auth/revoke}, oldest first. */
	public List<String> revokedTokens() {
		return List.copyOf(this.revoked);
	}

	/** The private relay address Apple gives this person for this app. */
	public static String relayAddress(FakePerson person) {
		return Long.toHexString(Digests.hashNumber("relay" + person.id())) + "@privaterelay.appleid.com";
	}

	/**
	 * The {@code payload} Apple posts to the app's notification URL: a JWT signed with Apple's key, its {@code events}
	 * claim a JSON string.
	 * @param type {@code email-disabled}, {@code email-enabled}, {@code consent-revoked} or {@code account-delete}
	 * @param audience the {@code aud}: the client id, or whatever a test needs
	 * @param attack how to break it, or null
	 */
	public String notification(String type, String subject, String audience, IdTokenAttack attack) {
		Instant now = now();
		Map<String, Object> events = new LinkedHashMap<>();
		events.put("type", type);
		events.put("sub", subject);
		if (type.startsWith("email")) {
			events.put("email", relayAddress(new FakePerson(subject, "x", null, null, null)));
			events.put("is_private_email", "true");
		}
		events.put("event_time", now.toEpochMilli());
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", issuer());
		claims.put("aud", audience);
		claims.put("iat", now.getEpochSecond());
		claims.put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond());
		claims.put("jti", Digests.randomToken(12));
		claims.put("events", JSON.writeValueAsString(events));
		return this.idTokens.mint(claims, attack, audience, "unused", now);
	}

	@Override
	public void reset() {
		super.reset();
		this.nextPerson.set(appleId(FakePerson.READY_MADE.get(0)));
		this.hideEmail.set(false);
		this.denyNext.set(false);
		this.attack.set(null);
		this.lastAuthorization.set(Map.of());
		this.secrets.set(this.registeredKey);
	}

	// ---------------------------------------------------------------- endpoints

	private Response discovery(Request request) {
		String issuer = issuer();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("issuer", issuer);
		body.put("authorization_endpoint", issuer + "/auth/authorize");
		body.put("token_endpoint", issuer + "/auth/token");
		body.put("revocation_endpoint", issuer + "/auth/revoke");
		body.put("jwks_uri", issuer + "/auth/keys");
		body.put("response_types_supported", List.of("code", "code id_token"));
		body.put("response_modes_supported", List.of("query", "fragment", "form_post"));
		body.put("subject_types_supported", List.of("pairwise"));
		body.put("id_token_signing_alg_values_supported", List.of("RS256"));
		body.put("scopes_supported", List.of("openid", "email", "name"));
		body.put("token_endpoint_auth_methods_supported", List.of("client_secret_post"));
		body.put("claims_supported", List.of("aud", "email", "email_verified", "exp", "iat", "is_private_email",
				"iss", "nonce", "nonce_supported", "real_user_status", "sub", "transfer_sub"));
		return Response.json(200, JSON.writeValueAsString(body));
	}

	private Response authorize(Request request) {
		Map<String, String> query = Parameters.firstValues(request.query());
		this.lastAuthorization.set(query);
		String problem = authorizationProblem(request, query);
		if (problem != null) {
			refused("authorize: " + problem);
			return AppleFormPost.error(400, "invalid_request", problem);
		}
		Grant grant = new Grant(query.get("redirect_uri"), query.get("state"), query.get("nonce"),
				query.get("code_challenge"), Set.of(query.getOrDefault("scope", "").split(" ")));
		if (this.consentPage) {
			String dialog = Digests.randomToken(24);
			this.pendingDialogs.put(dialog, grant);
			return AppleFormPost.consentPage(dialog, FakePerson.READY_MADE.get(0));
		}
		if (this.denyNext.getAndSet(false)) {
			return AppleFormPost.answer(grant.redirectUri(), denial(grant));
		}
		return AppleFormPost.answer(grant.redirectUri(), approval(grant, this.nextPerson.get(), this.hideEmail.get()));
	}

	private final Map<String, Grant> pendingDialogs = new ConcurrentHashMap<>();

	private String authorizationProblem(Request request, Map<String, String> query) {
		if (!"GET".equals(request.method())) {
			return "method " + request.method();
		}
		if (Parameters.duplicate(request.query(), Dialect.AUTHORIZE_PARAMETERS) != null) {
			return "parameter given twice";
		}
		if (!this.clientId.equals(query.get("client_id"))) {
			return "invalid_client_id";
		}
		if (!this.redirectUris.contains(query.get("redirect_uri"))) {
			return "invalid redirect_uri: " + query.get("redirect_uri");
		}
		if (!"code".equals(query.get("response_type"))) {
			return "unsupported response_type";
		}
		Set<String> scopes = Set.of(query.getOrDefault("scope", "").split(" "));
		if (!SCOPES.containsAll(scopes.stream().filter((scope) -> !scope.isEmpty()).toList())) {
			return "invalid_scope: " + query.get("scope");
		}
		if ((scopes.contains("name") || scopes.contains("email")) && !"form_post".equals(query.get("response_mode"))) {
			return "response_mode must be form_post when name or email scope is requested";
		}
		String challenge = query.get("code_challenge");
		if (challenge != null && !"S256".equals(query.get("code_challenge_method"))) {
			return "code_challenge_method other than S256";
		}
		return null;
	}

	/** The sandbox's consent page answered: continue (with the name, and the email shared or hidden) or cancel. */
	private Response consent(Request request) {
		Map<String, String> form = Parameters.firstValues(request.form());
		Grant grant = "POST".equals(request.method()) ? this.pendingDialogs.remove(form.getOrDefault("dialog", ""))
				: null;
		if (grant == null) {
			refused("consent: unknown, used or expired dialog");
			return AppleFormPost.error(400, "invalid_request", "This page has expired. Go back and sign in again.");
		}
		if ("cancel".equals(form.get("choice"))) {
			return AppleFormPost.answer(grant.redirectUri(), denial(grant));
		}
		String first = form.getOrDefault("firstName", "").strip();
		String last = form.getOrDefault("lastName", "").strip();
		String email = form.getOrDefault("email", "").strip();
		String name = (first + " " + last).strip();
		if (name.isEmpty() || email.isEmpty() || !email.contains("@")) {
			refused("consent: a name and an email address are needed");
			return AppleFormPost.error(400, "invalid_request", "Enter a name and an email address.");
		}
		FakePerson person = new FakePerson(null, name, null, email, null).withId(subjectFor(email));
		return AppleFormPost.answer(grant.redirectUri(), approval(grant, person, "hide".equals(form.get("email_choice"))));
	}

	private Map<String, String> approval(Grant grant, FakePerson person, boolean hidden) {
		String code = "c" + Digests.randomToken(32) + ".0.rsq." + Digests.randomAlphanumeric(22);
		String email = hidden ? relayAddress(person) : person.email();
		this.codes.put(code, new Code(grant, person, email, hidden, now(), new AtomicBoolean()));
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("code", code);
		if (grant.state() != null) {
			fields.put("state", grant.state());
		}
		if (this.consented.add(person.id()) && (grant.scopes().contains("name") || grant.scopes().contains("email"))) {
			fields.put("user", userField(person, email, grant.scopes()));
		}
		return fields;
	}

	private static Map<String, String> denial(Grant grant) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("error", "user_cancelled_authorize");
		if (grant.state() != null) {
			fields.put("state", grant.state());
		}
		return fields;
	}

	/** The unsigned {@code user} field: the name as given, and the email shared (the relay address when hidden). */
	private static String userField(FakePerson person, String email, Set<String> scopes) {
		Map<String, Object> user = new LinkedHashMap<>();
		if (scopes.contains("name") && person.name() != null) {
			int space = person.name().indexOf(' ');
			user.put("name", Map.of("firstName", (space < 0) ? person.name() : person.name().substring(0, space),
					"lastName", (space < 0) ? "" : person.name().substring(space + 1)));
		}
		if (scopes.contains("email") && email != null) {
			user.put("email", email);
		}
		return JSON.writeValueAsString(user);
	}

	private Response token(Request request) {
		Map<String, String> form = Parameters.firstValues(request.form());
		String problem = clientProblem(request, form);
		if (problem != null) {
			return tokenError(problem.startsWith("client") || problem.startsWith("no client") ? "invalid_client"
					: "invalid_request", problem);
		}
		if ("refresh_token".equals(form.get("grant_type"))) {
			String person = this.refreshTokens.get(form.getOrDefault("refresh_token", ""));
			return (person == null) ? tokenError("invalid_grant", "unknown or revoked refresh_token")
					: Response.json(200, JSON.writeValueAsString(Map.of("access_token", accessToken(),
							"token_type", "Bearer", "expires_in", 3600)));
		}
		if (!"authorization_code".equals(form.get("grant_type"))) {
			return tokenError("unsupported_grant_type", "grant_type " + form.get("grant_type"));
		}
		Code code = this.codes.get(form.getOrDefault("code", ""));
		if (code == null || !code.used().compareAndSet(false, true)) {
			return tokenError("invalid_grant", "unknown or used code");
		}
		if (now().isAfter(code.issuedAt().plus(CODE_LIFETIME))) {
			return tokenError("invalid_grant", "code expired");
		}
		if (!code.grant().redirectUri().equals(form.get("redirect_uri"))) {
			return tokenError("invalid_grant", "redirect_uri differs from the authorization request's");
		}
		String verifier = form.get("code_verifier");
		if (code.grant().challenge() != null
				&& (verifier == null || !Digests.same(Digests.s256(verifier), code.grant().challenge()))) {
			return tokenError("invalid_grant", "code_verifier missing or not matching");
		}
		String refreshToken = "r" + Digests.randomToken(32) + ".0.rsq." + Digests.randomAlphanumeric(22);
		this.refreshTokens.put(refreshToken, code.person().id());
		this.issuedRefreshTokens.add(refreshToken);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", accessToken());
		body.put("token_type", "Bearer");
		body.put("expires_in", 3600);
		body.put("refresh_token", refreshToken);
		body.put("id_token", idToken(code));
		return Response.json(200, JSON.writeValueAsString(body));
	}

	private String idToken(Code code) {
		Instant now = now();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", issuer());
		claims.put("aud", this.clientId);
		claims.put("exp", now.plus(Duration.ofMinutes(10)).getEpochSecond());
		claims.put("iat", now.getEpochSecond());
		claims.put("sub", code.person().id());
		if (code.grant().nonce() != null) {
			claims.put("nonce", code.grant().nonce());
		}
		claims.put("c_hash", Digests.randomToken(16));
		if (code.email() != null && code.grant().scopes().contains("email")) {
			claims.put("email", code.email());
			claims.put("email_verified", "true");
			claims.put("is_private_email", Boolean.toString(code.hidden()));
		}
		claims.put("auth_time", code.issuedAt().getEpochSecond());
		claims.put("nonce_supported", true);
		return this.idTokens.mint(claims, this.attack.getAndSet(null), this.clientId, "unused", now);
	}

	private Response revoke(Request request) {
		Map<String, String> form = Parameters.firstValues(request.form());
		String problem = clientProblem(request, form);
		if (problem != null) {
			return tokenError("invalid_client", problem);
		}
		String token = form.get("token");
		if (token == null) {
			return tokenError("invalid_request", "no token");
		}
		if (this.refreshTokens.remove(token) == null) {
			return tokenError("invalid_grant", "unknown or revoked token");
		}
		this.revoked.add(token);
		return new Response(200, null, Map.of(), "");
	}

	/** A POST, with the client id and a good client secret in the form, never twice. */
	private String clientProblem(Request request, Map<String, String> form) {
		if (!"POST".equals(request.method())) {
			return "method " + request.method();
		}
		if (Parameters.duplicate(request.form(), Dialect.TOKEN_PARAMETERS) != null) {
			return "parameter given twice";
		}
		if (!this.clientId.equals(form.get("client_id"))) {
			return "client_id unknown";
		}
		return this.secrets.get().problem(form.get("client_secret"), now());
	}

	private Response tokenError(String error, String why) {
		refused("token: " + why);
		return Response.json(400, JSON.writeValueAsString(Map.of("error", error)));
	}

	// ---------------------------------------------------------------- helpers

	Instant now() {
		return Instant.now().plus(this.clockOffset.get());
	}

	private static String accessToken() {
		return "a" + Digests.randomToken(32) + ".0.rsq." + Digests.randomAlphanumeric(22);
	}

	/** Apple's kind of id for a person: {@code 000123.<32 hex>.1234}, stable per email (or name). */
	private static FakePerson appleId(FakePerson person) {
		if (person.id() != null && person.id().matches("[0-9]{6}\\.[0-9a-f]{32}\\.[0-9]{4}")) {
			return person;
		}
		return person.withId(subjectFor(Objects.requireNonNullElse(person.email(), person.name())));
	}

	public static String subjectFor(String key) {
		long hash = Digests.hashNumber(key.toLowerCase(Locale.ROOT));
		return String.format(Locale.ROOT, "%06d.%016x%016x.%04d", hash % 1_000_000, hash, Long.reverse(hash),
				hash % 10_000);
	}

	private static KeyPair newClientKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Grant(String redirectUri, String state, String nonce, String challenge, Set<String> scopes) {
	}

	private record Code(Grant grant, FakePerson person, String email, boolean hidden, Instant issuedAt,
			AtomicBoolean used) {
	}

}
