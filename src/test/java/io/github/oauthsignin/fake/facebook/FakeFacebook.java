package io.github.oauthsignin.fake.facebook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A strict fake Facebook: Facebook Login's manual flow (the OAuth dialog, the code for token exchange and the
 * Graph API's {@code /me}) over real HTTP on a loopback port. It refuses what Facebook refuses, records every
 * refusal ({@link #refusals()}), and shares no code with the application.
 * <p>
 * Two modes:
 * <ul>
 * <li>auto-approve ({@link #start(String, String)}), for full-flow tests: the dialog answers at once with a code
 * for {@link #nextPerson(FakePerson)}, or with the denial redirect after {@link #denyNext()};</li>
 * <li>consent page ({@link #startSandbox(int, String, String)}), for people trying the app without a Facebook
 * account: the dialog shows a page (no scripts) where one picks a ready-made person from
 * {@link FakePerson#READY_MADE}, may edit the name and email, then continues or cancels.</li>
 * </ul>
 * <p>
 * Where the fake is stricter than Facebook, or has to choose, it says so here:
 * <ul>
 * <li>{@code appsecret_proof} is required on every Graph call, as with the app setting "Require App Secret";</li>
 * <li>only the scopes {@code public_profile} and {@code email} are known; the email is shared only when the
 * dialog asked for {@code email};</li>
 * <li>{@code code_challenge_method=plain} (or a challenge without a method, which means plain) is refused, and
 * a {@code code_verifier} sent for a code whose dialog had no challenge is refused too (a PKCE downgrade);</li>
 * <li>a code presented a second time is refused and the token issued for it is revoked (RFC 6749 §4.1.2);</li>
 * <li>OAuth parameters given more than once are refused, and so is client authentication given both ways
 * (HTTP Basic and {@code client_secret} in the body);</li>
 * <li>{@code /me} knows only the fields {@code id}, {@code name}, {@code email} and {@code picture}; any other
 * field is refused rather than silently left out. As on Facebook, {@code id} is always part of the answer.</li>
 * </ul>
 * A person edited on the consent page keeps the id of the ready-made person picked while the name is unchanged
 * (only the email edited: the same account with a new address); with another name, the id is derived from the
 * name ({@code 10160} and 13 digits of its SHA-256), so the same name always signs in as the same person.
 */
public final class FakeFacebook extends FakeServer {

	/** The OAuth dialog ({@code GET /v25.0/dialog/oauth}). */
	public static final String DIALOG = "dialog";

	/** The code for token exchange ({@code /v25.0/oauth/access_token}). */
	public static final String TOKEN = "token";

	/** The Graph API's {@code /v25.0/me}. */
	public static final String ME = "me";

	/** The consent page's form ({@code POST /v25.0/dialog/consent}); consent-page mode only. */
	public static final String CONSENT = "consent";

	/** The default profile picture, a silhouette. */
	public static final String PICTURE = "picture";

	/** The Graph API version the fake speaks; other versions answer 404. */
	public static final String VERSION = "v25.0";

	static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

	static final long TOKEN_LIFETIME_SECONDS = 5183944;

	static final Duration CONSENT_PAGE_LIFETIME = Duration.ofMinutes(30);

	static final int MAX_NAME_LENGTH = 100;

	static final int MAX_EMAIL_LENGTH = 254;

	private static final String DIALOG_PATH = "/" + VERSION + "/dialog/oauth";

	private static final String CONSENT_PATH = "/" + VERSION + "/dialog/consent";

	private static final String TOKEN_PATH = "/" + VERSION + "/oauth/access_token";

	private static final String ME_PATH = "/" + VERSION + "/me";

	private static final String PICTURE_PATH = "/static/silhouette.svg";

	private static final List<String> DIALOG_PARAMETERS = List.of("client_id", "redirect_uri", "state",
			"response_type", "scope", "code_challenge", "code_challenge_method");

	private static final List<String> TOKEN_PARAMETERS = List.of("client_id", "client_secret", "redirect_uri",
			"code", "code_verifier", "grant_type");

	private static final Set<String> KNOWN_SCOPES = Set.of("public_profile", "email");

	private static final Set<String> KNOWN_FIELDS = Set.of("id", "name", "email", "picture");

	/** base64url without padding of 32 bytes, as S256 gives. */
	private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

	/** RFC 7636 §4.1. */
	private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final String DENIAL = "error=access_denied&error_code=200&error_description=Permissions+error"
			+ "&error_reason=user_denied";

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String clientId;

	private final String clientSecret;

	private final boolean consentPage;

	private final Set<String> allowedRedirectUris = ConcurrentHashMap.newKeySet();

	private final AtomicReference<FakePerson> nextPerson = new AtomicReference<>(FakePerson.READY_MADE.get(0));

	private final AtomicReference<Function<Request, FakePerson>> approver = new AtomicReference<>();

	private final AtomicBoolean denyNext = new AtomicBoolean();

	private final AtomicReference<String> appName;

	private final AtomicReference<Duration> clockOffset = new AtomicReference<>(Duration.ZERO);

	private final Map<String, Dialog> consentPages = new ConcurrentHashMap<>();

	private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();

	private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

	private final Queue<String> issuedTokens = new ConcurrentLinkedQueue<>();

	private FakeFacebook(int port, String clientId, String clientSecret, boolean consentPage) {
		super(checkedPort(port, clientId, clientSecret));
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.consentPage = consentPage;
		this.appName = new AtomicReference<>("App " + clientId);
		route(DIALOG, DIALOG_PATH, this::dialog);
		route(CONSENT, CONSENT_PATH, this::consent);
		route(TOKEN, TOKEN_PATH, this::token);
		route(ME, ME_PATH, this::me);
		route(PICTURE, PICTURE_PATH, this::picture);
	}

	/** Checks the app's credentials before the server binds its port. */
	private static int checkedPort(int port, String clientId, String clientSecret) {
		if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
			throw new IllegalArgumentException("A Facebook app needs an app id and an app secret");
		}
		return port;
	}

	/**
	 * Starts a fake Facebook app in auto-approve mode on a free loopback port, for tests that run the whole sign-in
	 * without a browser: each dialog answers at once, as the person set with {@link #nextPerson(FakePerson)}.
	 * @param clientId the app id the app will send
	 * @param clientSecret the app secret the app will authenticate with
	 * @return the running fake; close it when done
	 */
	public static FakeFacebook start(String clientId, String clientSecret) {
		FakeFacebook facebook = new FakeFacebook(0, clientId, clientSecret, false);
		facebook.start();
		return facebook;
	}

	/**
	 * Starts a fake Facebook app in consent-page mode, so that people trying the app without a Facebook account can
	 * click through a Facebook-like dialog and pick (or make up) who signs in.
	 * @param port the loopback port to listen on, 0 for any free one
	 * @param clientId the app id the app will send
	 * @param clientSecret the app secret the app will authenticate with
	 * @return the running fake; close it when done
	 */
	public static FakeFacebook startSandbox(int port, String clientId, String clientSecret) {
		FakeFacebook facebook = new FakeFacebook(port, clientId, clientSecret, true);
		facebook.start();
		return facebook;
	}

	/**
	 * Where the app sends the browser to sign in, to configure as the app's authorization URI.
	 * @return {@code <base>/v25.0/dialog/oauth}
	 */
	public String authorizationUri() {
		return baseUri() + DIALOG_PATH;
	}

	/**
	 * Where the app exchanges a code for an access token, to configure as the app's token URI.
	 * @return {@code <base>/v25.0/oauth/access_token}
	 */
	public String tokenUri() {
		return baseUri() + TOKEN_PATH;
	}

	/**
	 * Where the app reads the person's profile, to configure as the app's user-info URI.
	 * @return {@code <base>/v25.0/me?fields=id,name,email,picture}
	 */
	public String userInfoUri() {
		return baseUri() + ME_PATH + "?fields=id,name,email,picture";
	}

	/**
	 * Adds a redirect URI to the app's "Valid OAuth Redirect URIs": the dialog redirects only to URIs listed here,
	 * compared as exact strings, like Facebook in strict mode. Until one is added, every dialog is refused.
	 * @param uri an absolute http(s) URI without a fragment
	 */
	public void allowRedirectUri(String uri) {
		Objects.requireNonNull(uri, "uri");
		if (!(uri.startsWith("http://") || uri.startsWith("https://")) || uri.contains("#")) {
			throw new IllegalArgumentException("Not a valid OAuth redirect URI: " + uri);
		}
		this.allowedRedirectUris.add(uri);
	}

	/**
	 * Chooses who approves the next dialogs in auto-approve mode, so that tests can sign in as different people
	 * (one without an email, one with markup in the name…). It stays until changed or {@link #reset()}.
	 * @param person the person; the id must be Facebook-like digits
	 */
	public void nextPerson(FakePerson person) {
		requireAutoApprove("nextPerson");
		this.nextPerson.set(checkedPerson(person));
	}

	/**
	 * Lets each dialog's request say who approves it (auto-approve mode), the way the real Facebook knows who is
	 * logged in from its own cookies. {@link #nextPerson(FakePerson)} is one person for every dialog, which many
	 * browsers signing in at once as different people (the benchmark's load driver) cannot share. Every check of
	 * the dialog still applies; only the choice of person moves. It stays until replaced or {@link #reset()}.
	 * @param chooser who approves this dialog, from its request (its cookies); null from it means
	 * {@link #nextPerson(FakePerson)}. A person without a numeric id or a name fails the dialog.
	 */
	public void approveAs(Function<Request, FakePerson> chooser) {
		requireAutoApprove("approveAs");
		this.approver.set(Objects.requireNonNull(chooser, "chooser"));
	}

	private static FakePerson checkedPerson(FakePerson person) {
		Objects.requireNonNull(person, "person");
		if (person.id() == null || !person.id().matches("[0-9]{1,20}") || person.name() == null
				|| person.name().isBlank()) {
			throw new IllegalArgumentException("A Facebook person needs a numeric id and a name: " + person);
		}
		return person;
	}

	private FakePerson approverOf(Request request) {
		Function<Request, FakePerson> chooser = this.approver.get();
		FakePerson chosen = (chooser != null) ? chooser.apply(request) : null;
		return (chosen != null) ? checkedPerson(chosen) : this.nextPerson.get();
	}

	/**
	 * Makes the person decline the next dialog (auto-approve mode), so that tests can check how the app takes a
	 * cancelled sign-in. Only the next dialog that gets past validation is declined.
	 */
	public void denyNext() {
		requireAutoApprove("denyNext");
		this.denyNext.set(true);
	}

	/**
	 * Every access token issued so far, oldest first, so that tests can check none of them leaks into pages, logs
	 * or redirects.
	 * @return a snapshot
	 */
	public List<String> issuedAccessTokens() {
		return List.copyOf(this.issuedTokens);
	}

	/**
	 * Names the app on the consent page ("<name> wants to access…"); by default {@code App <client id>}.
	 * @param name the app's display name
	 */
	public void appName(String name) {
		this.appName.set(Objects.requireNonNull(name, "name"));
	}

	/**
	 * Moves the fake's clock forward, so that tests can let codes (10 minutes) and tokens (about 60 days) expire
	 * without waiting.
	 * @param duration how far
	 */
	public void advanceClock(Duration duration) {
		this.clockOffset.accumulateAndGet(duration, Duration::plus);
	}

	/**
	 * Forgets counts, faults and refusals and restores the defaults (the first ready-made person, no
	 * {@link #approveAs chooser}, no pending denial), so that one fake can serve several tests. Issued codes and tokens, allowed redirect URIs and the
	 * clock are kept.
	 */
	@Override
	public void reset() {
		super.reset();
		this.nextPerson.set(FakePerson.READY_MADE.get(0));
		this.approver.set(null);
		this.denyNext.set(false);
	}

	// ---------------------------------------------------------------- the dialog

	private Response dialog(Request request) {
		if (!"GET".equals(request.method())) {
			refused("dialog: method " + request.method());
			return errorPage(405, "Sorry, something went wrong.", "The OAuth dialog is a GET.");
		}
		String duplicate = duplicate(request.query(), DIALOG_PARAMETERS);
		if (duplicate != null) {
			refused("dialog: parameter " + duplicate + " given more than once");
			return errorPage(400, "Sorry, something went wrong.", "The parameter " + duplicate
					+ " is given more than once.");
		}
		String clientId = request.param("client_id");
		if (clientId == null || !clientId.equals(this.clientId)) {
			refused("dialog: unknown client_id " + quote(clientId));
			return errorPage(400, "Invalid App ID", "The provided app ID does not look like a valid app ID.");
		}
		String redirectUri = request.param("redirect_uri");
		if (redirectUri == null || !this.allowedRedirectUris.contains(redirectUri)) {
			refused("dialog: redirect_uri not allowed " + quote(redirectUri));
			return errorPage(400, "URL blocked", "This redirect failed because the redirect URI is not whitelisted "
					+ "in the app's Client OAuth Settings. Make sure Client and Web OAuth Login are on and add all "
					+ "your app domains as Valid OAuth Redirect URIs.");
		}
		String responseType = request.param("response_type");
		if (!"code".equals(responseType)) {
			refused("dialog: response_type " + quote(responseType) + " instead of code");
			return errorPage(400, "Sorry, something went wrong.", "response_type must be code, not "
					+ quote(responseType) + ".");
		}
		String scope = request.param("scope");
		Set<String> scopes = scopes(scope);
		Set<String> unknown = new TreeSet<>(scopes);
		unknown.removeAll(KNOWN_SCOPES);
		if (!unknown.isEmpty()) {
			refused("dialog: invalid scopes " + unknown);
			return errorPage(400, "Invalid Scopes: " + String.join(", ", unknown) + ".",
					"This message is only shown to developers. Please read the documentation for valid "
							+ "permissions at: https://developers.facebook.com/docs/facebook-login/permissions");
		}
		String challenge = request.param("code_challenge");
		String method = request.param("code_challenge_method");
		if (challenge == null && method != null) {
			refused("dialog: code_challenge_method without code_challenge");
			return errorPage(400, "Sorry, something went wrong.", "code_challenge_method needs a code_challenge.");
		}
		if (challenge != null && !"S256".equals(method)) {
			refused("dialog: code_challenge_method " + quote(method) + " instead of S256");
			return errorPage(400, "Sorry, something went wrong.", "code_challenge_method must be S256.");
		}
		if (challenge != null && !CHALLENGE.matcher(challenge).matches()) {
			refused("dialog: code_challenge is not an S256 challenge " + quote(challenge));
			return errorPage(400, "Sorry, something went wrong.", "Invalid code_challenge.");
		}
		Dialog dialog = new Dialog(clientId, redirectUri, request.param("state"), scope, challenge,
				scopes.contains("email"), now().plus(CONSENT_PAGE_LIFETIME));
		if (this.consentPage) {
			return openConsentPage(request, dialog);
		}
		if (this.denyNext.getAndSet(false)) {
			return Response.redirect(denial(dialog));
		}
		return Response.redirect(approval(dialog, approverOf(request)));
	}

	private Response openConsentPage(Request request, Dialog dialog) {
		Integer index = personIndex(request.param("person"));
		if (index == null) {
			refused("dialog: unknown ready-made person " + quote(request.param("person")));
			return errorPage(400, "Sorry, something went wrong.", "There is no such person to pick.");
		}
		Instant now = now();
		this.consentPages.values().removeIf((pending) -> pending.expiresAt().isBefore(now));
		String id = randomToken(24);
		this.consentPages.put(id, dialog);
		FakePerson person = FakePerson.READY_MADE.get(index);
		return consentPage(200, id, dialog, index, person.name(), (person.email() != null) ? person.email() : "",
				null);
	}

	private Response consent(Request request) {
		if (!this.consentPage) {
			refused("consent: the fake is in auto-approve mode");
			return errorPage(404, "This page isn't available", "There is no consent page in auto-approve mode.");
		}
		if (!"POST".equals(request.method())) {
			refused("consent: method " + request.method());
			return errorPage(405, "Sorry, something went wrong.", "The consent form is posted.");
		}
		String id = formParam(request, "dialog");
		Dialog dialog = (id != null) ? this.consentPages.get(id) : null;
		if (dialog == null || dialog.expiresAt().isBefore(now())) {
			refused("consent: unknown, used or expired dialog " + quote(id));
			return errorPage(400, "This page has expired", "Go back to the app and sign in again.");
		}
		String choice = formParam(request, "choice");
		if ("cancel".equals(choice)) {
			if (this.consentPages.remove(id) == null) {
				refused("consent: dialog already answered " + quote(id));
				return errorPage(400, "This page has expired", "Go back to the app and sign in again.");
			}
			return Response.redirect(denial(dialog));
		}
		if (!"continue".equals(choice)) {
			refused("consent: unknown choice " + quote(choice));
			return errorPage(400, "Sorry, something went wrong.", "Choose Continue or Cancel.");
		}
		Integer index = personIndex(formParam(request, "person"));
		if (index == null) {
			refused("consent: unknown ready-made person " + quote(formParam(request, "person")));
			return errorPage(400, "Sorry, something went wrong.", "There is no such person to pick.");
		}
		String name = Objects.requireNonNullElse(formParam(request, "name"), "").strip();
		String email = Objects.requireNonNullElse(formParam(request, "email"), "").strip();
		String problem = problemWith(name, email);
		if (problem != null) {
			refused("consent: " + problem);
			return consentPage(400, id, dialog, index, name, email, problem);
		}
		if (this.consentPages.remove(id) == null) {
			refused("consent: dialog already answered " + quote(id));
			return errorPage(400, "This page has expired", "Go back to the app and sign in again.");
		}
		FakePerson chosen = FakePerson.READY_MADE.get(index);
		boolean same = chosen.name().equals(name);
		FakePerson person = new FakePerson(same ? chosen.id() : derivedId(name), name, chosen.screenName(),
				email.isEmpty() ? null : email, same ? chosen.pictureUrl() : null);
		return Response.redirect(approval(dialog, person));
	}

	private static String problemWith(String name, String email) {
		if (name.isEmpty()) {
			return "the name is empty";
		}
		if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
			return "the name is longer than " + MAX_NAME_LENGTH + " characters";
		}
		if (!email.isEmpty() && (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches())) {
			return "the email is not an email address";
		}
		return null;
	}

	/** The code, bound to everything the token request must repeat, and the redirect carrying it. */
	private String approval(Dialog dialog, FakePerson person) {
		String code = randomToken(96);
		this.codes.put(code, new IssuedCode(dialog.clientId(), dialog.redirectUri(), dialog.codeChallenge(), person,
				dialog.emailGranted(), now().plus(CODE_LIFETIME)));
		return callback(dialog, "code=" + urlEncode(code));
	}

	private static String denial(Dialog dialog) {
		return callback(dialog, DENIAL);
	}

	private static String callback(Dialog dialog, String parameters) {
		String uri = dialog.redirectUri();
		String separator = !uri.contains("?") ? "?" : (uri.endsWith("?") || uri.endsWith("&")) ? "" : "&";
		String state = (dialog.state() != null) ? "&state=" + urlEncode(dialog.state()) : "";
		return uri + separator + parameters + state + "#_=_";
	}

	// ---------------------------------------------------------------- the token

	private Response token(Request request) {
		boolean post = "POST".equals(request.method());
		if (!post && !"GET".equals(request.method())) {
			return graphError("token", 400, "Unsupported request - method type: "
					+ request.method().toLowerCase(Locale.ROOT), "GraphMethodException", 100);
		}
		List<Map.Entry<String, String>> parameters = new ArrayList<>(request.query());
		if (post) {
			parameters.addAll(request.form());
		}
		String duplicate = duplicate(parameters, TOKEN_PARAMETERS);
		if (duplicate != null) {
			return graphError("token", 400, "Duplicate parameter: " + duplicate, "OAuthException", 100);
		}
		String id = first(parameters, "client_id");
		String secret = first(parameters, "client_secret");
		String authorization = request.header("Authorization");
		if (post && authorization != null) {
			String[] basic = basicCredentials(authorization);
			if (basic == null) {
				return graphError("token", 400, "Error validating client secret.", "OAuthException", 1);
			}
			if (secret != null) {
				return graphError("token", 400, "Client credentials given both as HTTP Basic and in the body.",
						"OAuthException", 100);
			}
			if (id != null && !id.equals(basic[0])) {
				return graphError("token", 400, "Error validating application. Invalid application ID.",
						"OAuthException", 101);
			}
			id = basic[0];
			secret = basic[1];
		}
		if (id == null) {
			return graphError("token", 400, "Missing client_id parameter.", "OAuthException", 101);
		}
		if (!id.equals(this.clientId)) {
			return graphError("token", 400, "Error validating application. Invalid application ID.",
					"OAuthException", 101);
		}
		if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
				this.clientSecret.getBytes(StandardCharsets.UTF_8))) {
			return graphError("token", 400, "Error validating client secret.", "OAuthException", 1);
		}
		String grantType = first(parameters, "grant_type");
		if (grantType != null && !"authorization_code".equals(grantType)) {
			return graphError("token", 400, "Unsupported grant_type: " + grantType, "OAuthException", 100);
		}
		String redirectUri = first(parameters, "redirect_uri");
		if (redirectUri == null) {
			return graphError("token", 400, "Missing redirect_uri parameter.", "OAuthException", 191);
		}
		String codeValue = first(parameters, "code");
		if (codeValue == null) {
			return graphError("token", 400, "Missing authorization code.", "OAuthException", 100);
		}
		IssuedCode code = this.codes.get(codeValue);
		if (code == null || !code.clientId().equals(id)) {
			return graphError("token", 400, "Invalid verification code format.", "OAuthException", 100);
		}
		if (code.used().get()) {
			return codeUsedTwice(code);
		}
		if (now().isAfter(code.expiresAt())) {
			return graphError("token", 400, "This authorization code has expired.", "OAuthException", 100);
		}
		if (!code.redirectUri().equals(redirectUri)) {
			return graphError("token", 400, "Error validating verification code. Please make sure your redirect_uri "
					+ "is identical to the one you used in the OAuth dialog request", "OAuthException", 100);
		}
		String verifier = first(parameters, "code_verifier");
		if (code.codeChallenge() != null) {
			if (verifier == null || !VERIFIER.matcher(verifier).matches()
					|| !MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
							code.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
				return graphError("token", 400, "Invalid code verifier", "OAuthException", 100);
			}
		}
		else if (verifier != null) {
			return graphError("token", 400, "Invalid code verifier", "OAuthException", 100);
		}
		if (!code.used().compareAndSet(false, true)) {
			return codeUsedTwice(code);
		}
		String accessToken = "EAA" + randomAlphanumeric(150);
		this.tokens.put(accessToken, new IssuedToken(id, code.person(), code.emailGranted(),
				now().plusSeconds(TOKEN_LIFETIME_SECONDS), new AtomicBoolean()));
		code.token().set(accessToken);
		this.issuedTokens.add(accessToken);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", accessToken);
		body.put("token_type", "bearer");
		body.put("expires_in", TOKEN_LIFETIME_SECONDS);
		return Response.json(200, JSON.writeValueAsString(body));
	}

	/** A replayed code may mean a stolen one: what it gave is revoked too. */
	private Response codeUsedTwice(IssuedCode code) {
		String accessToken = code.token().get();
		if (accessToken != null) {
			IssuedToken token = this.tokens.get(accessToken);
			if (token != null) {
				token.revoked().set(true);
			}
		}
		return graphError("token", 400, "This authorization code has been used.", "OAuthException", 100);
	}

	/** RFC 6749 §2.3.1: Basic credentials are form-encoded before base64. */
	private static String[] basicCredentials(String authorization) {
		if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon < 0) {
				return null;
			}
			return new String[] { java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
					java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	// ---------------------------------------------------------------- the Graph API

	private Response me(Request request) {
		if (!"GET".equals(request.method())) {
			return graphError("me", 400, "Unsupported request - method type: "
					+ request.method().toLowerCase(Locale.ROOT), "GraphMethodException", 100);
		}
		String authorization = request.header("Authorization");
		String fromHeader = null;
		if (authorization != null) {
			if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				return graphError("me", 400, "Invalid OAuth access token - Cannot parse access token.",
						"OAuthException", 190);
			}
			fromHeader = authorization.substring(7).strip();
		}
		String fromQuery = request.param("access_token");
		if (fromHeader != null && fromQuery != null) {
			return graphError("me", 400, "An access token was given both in the header and as a parameter.",
					"OAuthException", 100);
		}
		String accessToken = (fromHeader != null) ? fromHeader : fromQuery;
		if (accessToken == null || accessToken.isEmpty()) {
			return graphError("me", 400,
					"An active access token must be used to query information about the current user.",
					"OAuthException", 2500);
		}
		IssuedToken token = this.tokens.get(accessToken);
		if (token == null) {
			return graphError("me", 400, "Invalid OAuth access token - Cannot parse access token.",
					"OAuthException", 190);
		}
		if (token.revoked().get()) {
			return graphError("me", 400, "Error validating access token: The session has been invalidated because "
					+ "the user changed their password or Facebook has changed the session for security reasons.",
					"OAuthException", 190);
		}
		if (now().isAfter(token.expiresAt())) {
			return graphError("me", 400, "Error validating access token: Session has expired.", "OAuthException",
					190);
		}
		String proof = request.param("appsecret_proof");
		if (proof == null) {
			return graphError("me", 400, "API calls from the server require an appsecret_proof argument",
					"GraphMethodException", 100);
		}
		if (!MessageDigest.isEqual(proof.getBytes(StandardCharsets.UTF_8),
				appSecretProof(this.clientSecret, accessToken).getBytes(StandardCharsets.UTF_8))) {
			return graphError("me", 400, "Invalid appsecret_proof provided in the API argument",
					"GraphMethodException", 100);
		}
		String fieldsParameter = request.param("fields");
		Set<String> fields = new LinkedHashSet<>();
		if (fieldsParameter == null || fieldsParameter.isBlank()) {
			fields.add("id");
			fields.add("name");
		}
		else {
			for (String field : fieldsParameter.split(",")) {
				String trimmed = field.strip();
				if (trimmed.isEmpty()) {
					continue;
				}
				if (!KNOWN_FIELDS.contains(trimmed)) {
					return graphError("me", 400, "(#100) Tried accessing nonexisting field (" + trimmed
							+ ") on node type (User)", "OAuthException", 100);
				}
				fields.add(trimmed);
			}
		}
		FakePerson person = token.person();
		Map<String, Object> body = new LinkedHashMap<>();
		for (String field : fields) {
			switch (field) {
				case "id" -> body.put("id", person.id());
				case "name" -> body.put("name", person.name());
				case "email" -> {
					if (person.email() != null && token.emailGranted()) {
						body.put("email", person.email());
					}
				}
				case "picture" -> body.put("picture", pictureData(person));
				default -> throw new IllegalStateException("unexpected field " + field);
			}
		}
		body.putIfAbsent("id", person.id());
		return Response.json(200, JSON.writeValueAsString(body));
	}

	private Map<String, Object> pictureData(FakePerson person) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("height", 50);
		data.put("is_silhouette", person.pictureUrl() == null);
		data.put("url", (person.pictureUrl() != null) ? person.pictureUrl() : baseUri() + PICTURE_PATH);
		data.put("width", 50);
		return Map.of("data", data);
	}

	private Response picture(Request request) {
		String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50\" height=\"50\" viewBox=\"0 0 50 50\">"
				+ "<rect width=\"50\" height=\"50\" fill=\"#c9ccd1\"/>"
				+ "<circle cx=\"25\" cy=\"19\" r=\"9\" fill=\"#fff\"/>"
				+ "<path d=\"M8 50c0-11 8-18 17-18s17 7 17 18z\" fill=\"#fff\"/></svg>";
		return new Response(200, "image/svg+xml; charset=UTF-8", Map.of("Cache-Control", "max-age=86400"), svg);
	}

	// ---------------------------------------------------------------- pages

	private Response consentPage(int status, String dialogId, Dialog dialog, int index, String name, String email,
			String problem) {
		StringBuilder page = new StringBuilder(4096);
		page.append(pageStart("Log in with Facebook"));
		page.append("<p class=\"sandbox\">Sandbox: a fake Facebook for trying the app. ")
			.append("Nothing is sent to Facebook.</p>\n");
		page.append("<h1><strong>").append(html(this.appName.get())).append("</strong> wants to access your ")
			.append(dialog.emailGranted() ? "name, profile picture and email address." : "name and profile picture.")
			.append("</h1>\n");
		if (problem != null) {
			page.append("<p class=\"problem\" id=\"problem\">Please check: ").append(html(problem)).append(".</p>\n");
		}
		page.append("<form method=\"post\" action=\"").append(CONSENT_PATH).append("\">\n")
			.append("<input type=\"hidden\" name=\"dialog\" value=\"").append(html(dialogId)).append("\">\n")
			.append("<input type=\"hidden\" name=\"person\" value=\"").append(index).append("\">\n")
			.append("<label for=\"name\">Name</label>\n")
			.append("<input id=\"name\" name=\"name\" value=\"").append(html(name))
			.append("\" autocomplete=\"name\">\n")
			.append("<label for=\"email\">Email <span>(leave empty for someone without one)</span></label>\n")
			.append("<input id=\"email\" name=\"email\" value=\"").append(html(email))
			.append("\" inputmode=\"email\" autocomplete=\"email\">\n")
			.append("<button id=\"continue\" class=\"primary\" type=\"submit\" name=\"choice\" value=\"continue\">")
			.append(name.isEmpty() ? "Continue" : "Continue as " + html(name))
			.append("</button>\n")
			.append("<button id=\"cancel\" type=\"submit\" name=\"choice\" value=\"cancel\">Cancel</button>\n")
			.append("</form>\n");
		page.append("<h2>Sign in as someone else</h2>\n<ul class=\"people\">\n");
		for (int i = 0; i < FakePerson.READY_MADE.size(); i++) {
			FakePerson person = FakePerson.READY_MADE.get(i);
			page.append("<li><a id=\"person-").append(i).append("\" href=\"")
				.append(html(DIALOG_PATH + "?" + dialogQuery(dialog) + "&person=" + i)).append("\"")
				.append((i == index) ? " aria-current=\"true\"" : "").append(">")
				.append(html(person.name())).append(" <span>")
				.append(html((person.email() != null) ? person.email() : "no email")).append("</span></a></li>\n");
		}
		page.append("</ul>\n");
		page.append(pageEnd());
		return page(status, page.toString());
	}

	private static String dialogQuery(Dialog dialog) {
		StringBuilder query = new StringBuilder();
		query.append("client_id=").append(urlEncode(dialog.clientId()));
		query.append("&redirect_uri=").append(urlEncode(dialog.redirectUri()));
		if (dialog.state() != null) {
			query.append("&state=").append(urlEncode(dialog.state()));
		}
		query.append("&response_type=code");
		if (dialog.scope() != null) {
			query.append("&scope=").append(urlEncode(dialog.scope()));
		}
		if (dialog.codeChallenge() != null) {
			query.append("&code_challenge=").append(urlEncode(dialog.codeChallenge()))
				.append("&code_challenge_method=S256");
		}
		return query.toString();
	}

	private static Response errorPage(int status, String title, String message) {
		return page(status, pageStart(title) + "<h1 id=\"error\">" + html(title) + "</h1>\n<p>" + html(message)
				+ "</p>\n" + pageEnd());
	}

	private static Response page(int status, String body) {
		return new Response(status, "text/html; charset=UTF-8", Map.of("Content-Security-Policy",
				"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; "
						+ "frame-ancestors 'none'",
				"Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"), body);
	}

	private static String pageStart(String title) {
		return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + html(title)
				+ "</title>\n<style>\n"
				+ "body{margin:0;font-family:Helvetica,Arial,sans-serif;background:#f0f2f5;color:#1c1e21}\n"
				+ "header{background:#1877f2;color:#fff;padding:10px 16px;font-size:28px;font-weight:bold;"
				+ "letter-spacing:-1px}\n"
				+ "main{box-sizing:border-box;max-width:440px;margin:16px auto;padding:16px;background:#fff;"
				+ "border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.2)}\n"
				+ "h1{font-size:18px;font-weight:normal;line-height:1.4}h2{font-size:15px;margin-top:24px}\n"
				+ "label{display:block;margin-top:12px;font-size:14px;font-weight:bold}label span{font-weight:normal;"
				+ "color:#65676b}\n"
				+ "input{box-sizing:border-box;width:100%;margin-top:4px;padding:10px;font-size:16px;"
				+ "border:1px solid #ccd0d5;border-radius:6px}\n"
				+ "button{box-sizing:border-box;display:block;width:100%;margin-top:12px;padding:10px;font-size:16px;"
				+ "font-weight:bold;border:0;border-radius:6px;background:#e4e6eb;color:#050505;"
				+ "overflow-wrap:anywhere}\n"
				+ "button.primary{background:#1877f2;color:#fff}\n"
				+ ".sandbox{font-size:13px;color:#65676b}.problem{color:#be4b49;font-weight:bold}\n"
				+ "ul.people{list-style:none;padding:0}ul.people li{border-top:1px solid #dadde1}\n"
				+ "ul.people a{display:block;padding:10px 0;color:#1877f2;text-decoration:none;"
				+ "overflow-wrap:anywhere}\n"
				+ "ul.people a span{display:block;font-size:13px;color:#65676b}\n"
				+ "ul.people a[aria-current]{font-weight:bold}\n"
				+ "</style>\n</head>\n<body>\n<header>facebook</header>\n<main>\n";
	}

	private static String pageEnd() {
		return "</main>\n</body>\n</html>\n";
	}

	// ---------------------------------------------------------------- helpers

	/** Facebook's error body, recorded as a refusal. */
	private Response graphError(String endpoint, int status, String message, String type, int code) {
		refused(endpoint + ": " + message + " (code " + code + ")");
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("type", type);
		error.put("code", code);
		error.put("fbtrace_id", randomAlphanumeric(11));
		return Response.json(status, JSON.writeValueAsString(Map.of("error", error)));
	}

	private void requireAutoApprove(String what) {
		if (this.consentPage) {
			throw new IllegalStateException(what + " is for auto-approve mode; here people choose on the page");
		}
	}

	private Instant now() {
		return Instant.now().plus(this.clockOffset.get());
	}

	private static String formParam(Request request, String name) {
		return first(request.form(), name);
	}

	private static String first(List<Map.Entry<String, String>> parameters, String name) {
		for (Map.Entry<String, String> entry : parameters) {
			if (entry.getKey().equals(name)) {
				return entry.getValue();
			}
		}
		return null;
	}

	private static String duplicate(List<Map.Entry<String, String>> parameters, List<String> names) {
		Map<String, Integer> counts = new HashMap<>();
		for (Map.Entry<String, String> entry : parameters) {
			if (names.contains(entry.getKey()) && counts.merge(entry.getKey(), 1, Integer::sum) > 1) {
				return entry.getKey();
			}
		}
		return null;
	}

	/** Facebook takes scopes separated by commas or spaces. */
	private static Set<String> scopes(String scope) {
		Set<String> scopes = new LinkedHashSet<>();
		if (scope != null) {
			for (String part : scope.split("[,\\s]+")) {
				if (!part.isEmpty()) {
					scopes.add(part);
				}
			}
		}
		return scopes;
	}

	private static Integer personIndex(String value) {
		if (value == null) {
			return 0;
		}
		if (!value.matches("[0-9]{1,3}")) {
			return null;
		}
		int index = Integer.parseInt(value);
		return (index < FakePerson.READY_MADE.size()) ? index : null;
	}

	private static String quote(String value) {
		return (value != null) ? "'" + value + "'" : "(missing)";
	}

	/**
	 * The Facebook id of a person made up on the consent page: the same name always gives the same id, so a made-up
	 * person can sign in again.
	 */
	static String derivedId(String name) {
		long number = ByteBuffer.wrap(sha256(name.getBytes(StandardCharsets.UTF_8))).getLong() & Long.MAX_VALUE;
		return "10160" + String.format(Locale.ROOT, "%013d", number % 10_000_000_000_000L);
	}

	/** PKCE S256: base64url without padding of SHA-256 of the ASCII verifier (RFC 7636 §4.2). */
	static String s256(String verifier) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
	}

	/** Facebook's appsecret_proof: lower-case hex HMAC-SHA256 of the access token, keyed with the app secret. */
	static String appSecretProof(String appSecret, String accessToken) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(accessToken.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static byte[] sha256(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static String randomToken(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static String randomAlphanumeric(int length) {
		StringBuilder out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
		}
		return out.toString();
	}

	/** A dialog that passed validation: what the code will be bound to. */
	private record Dialog(String clientId, String redirectUri, String state, String scope, String codeChallenge,
			boolean emailGranted, Instant expiresAt) {
	}

	private record IssuedCode(String clientId, String redirectUri, String codeChallenge, FakePerson person,
			boolean emailGranted, Instant expiresAt, AtomicBoolean used, AtomicReference<String> token) {

		IssuedCode(String clientId, String redirectUri, String codeChallenge, FakePerson person, boolean emailGranted,
				Instant expiresAt) {
			this(clientId, redirectUri, codeChallenge, person, emailGranted, expiresAt, new AtomicBoolean(),
					new AtomicReference<>());
		}

	}

	private record IssuedToken(String clientId, FakePerson person, boolean emailGranted, Instant expiresAt,
			AtomicBoolean revoked) {
	}

}
