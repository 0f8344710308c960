package io.github.oauthsignin.fake.twitter;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A strict fake of X's (Twitter's) OAuth 1.0a "Sign in with X" flow over real HTTP on a loopback port: request
 * token, authenticate, access token and {@code account/verify_credentials}. Every signed request is checked with the
 * fake's own {@link OAuth1Verifier} — never with the application's signer — against the URI the client actually
 * connected to, and answered with X's status codes, bodies and content types (including X's habit of sending form
 * data as {@code text/html}).
 * <p>
 * Two modes:
 * <ul>
 * <li>{@link #start auto-approve}, for the application's tests: {@code /oauth/authenticate} immediately sends the
 * browser back as {@link #nextPerson} (or declined, after {@link #denyNext});</li>
 * <li>{@link #startSandbox consent page}, for people trying the application without an X account: an X-like page
 * to pick or edit who signs in, then "Authorize app" or "Cancel".</li>
 * </ul>
 * <p>
 * Strictness beyond what the brief of each leg says: protocol parameters other than {@code oauth_verifier} are only
 * accepted in the {@code Authorization} header; {@code oauth_token} must not be sent to the request-token endpoint;
 * a request token is spent by the first correctly signed access-token attempt, even one with a wrong verifier (so
 * verifiers cannot be guessed); a missing or malformed {@code Authorization} header gets X's
 * {@code 400 {"errors":[{"code":215,"message":"Bad Authentication data."}]}}.
 * <p>
 * User ids: X ids are 64-bit numbers beyond JavaScript's 2<sup>53</sup>. A person chosen on the consent page, or
 * given to {@link #nextPerson} without an id or as a ready-made one, gets
 * {@link #twitterIdFor(String) an id derived from the screen name}: stable, always 19 digits, always above
 * 2<sup>53</sup>.
 */
public final class FakeTwitter extends FakeServer {

	/** Endpoint name of {@code POST /oauth/request_token}, for {@link #calls(String)} and {@link #failNext}. */
	public static final String REQUEST_TOKEN = "request_token";

	/** Endpoint name of {@code GET /oauth/authenticate}. */
	public static final String AUTHENTICATE = "authenticate";

	/** Endpoint name of {@code POST /oauth/access_token}. */
	public static final String ACCESS_TOKEN = "access_token";

	/** Endpoint name of {@code GET /1.1/account/verify_credentials.json}. */
	public static final String VERIFY_CREDENTIALS = "verify_credentials";

	/** Endpoint name of {@code POST /1.1/oauth/invalidate_token}, which revokes an access token. */
	public static final String INVALIDATE_TOKEN = "invalidate_token";

	/** Endpoint name of {@code POST /oauth/consent}, the consent page's form (sandbox mode only). */
	public static final String CONSENT = "consent";

	/** X's default avatar ({@link #defaultProfileImageUri()}), for a person without a picture of their own. */
	public static final String DEFAULT_PROFILE_IMAGE = "default_profile_image";

	private static final String DEFAULT_PROFILE_IMAGE_PATH = "/sticky/default_profile_images/default_profile.svg";

	private static final String REQUEST_TOKEN_PATH = "/oauth/request_token";

	private static final String AUTHENTICATE_PATH = "/oauth/authenticate";

	private static final String CONSENT_PATH = "/oauth/consent";

	private static final String ACCESS_TOKEN_PATH = "/oauth/access_token";

	private static final String VERIFY_CREDENTIALS_PATH = "/1.1/account/verify_credentials.json";

	private static final String INVALIDATE_TOKEN_PATH = "/1.1/oauth/invalidate_token";

	private static final long TIMESTAMP_WINDOW_SECONDS = 300;

	private static final String JSON_TYPE = "application/json; charset=utf-8";

	private static final String X_FORM_TYPE = "text/html; charset=utf-8";

	private static final String COULD_NOT_AUTHENTICATE = "{\"errors\":[{\"code\":32,\"message\":\"Could not authenticate you.\"}]}";

	private static final String INVALID_TOKEN = "{\"errors\":[{\"code\":89,\"message\":\"Invalid or expired token.\"}]}";

	private static final String BAD_AUTHENTICATION_DATA = "{\"errors\":[{\"code\":215,\"message\":\"Bad Authentication data.\"}]}";

	private static final String CALLBACK_NOT_APPROVED = "{\"errors\":[{\"code\":415,\"message\":\"Callback URL not approved for this client application. Approved callback URLs can be adjusted in your application settings\"}]}";

	private static final String INVALID_VERIFIER = "Error processing your OAuth request: Invalid oauth_verifier parameter";

	private static final Pattern SCREEN_NAME = Pattern.compile("[A-Za-z0-9_]{1,15}");

	private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]*");

	private static final int MAX_NAME_LENGTH = 50;

	private static final char[] TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final FakePerson DEFAULT_PERSON = withDerivedId(FakePerson.READY_MADE.get(0));

	private final SecureRandom random = new SecureRandom();

	private final String consumerKey;

	private final String consumerSecret;

	private final boolean sandbox;

	private final Set<String> allowedCallbacks = ConcurrentHashMap.newKeySet();

	private final Map<String, RequestToken> requestTokens = new ConcurrentHashMap<>();

	private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();

	private final Set<String> seenNonces = ConcurrentHashMap.newKeySet();

	private final Queue<String> issuedSecrets = new ConcurrentLinkedQueue<>();

	private final AtomicInteger verifiedSignatures = new AtomicInteger();

	private final AtomicReference<FakePerson> nextPerson = new AtomicReference<>(DEFAULT_PERSON);

	private final AtomicReference<Function<Request, FakePerson>> approver = new AtomicReference<>();

	private final AtomicBoolean denyNext = new AtomicBoolean();

	private volatile String appName = "this application";

	private FakeTwitter(int port, String consumerKey, String consumerSecret, boolean sandbox) {
		super(port);
		if (consumerKey == null || consumerKey.isEmpty() || consumerSecret == null || consumerSecret.isEmpty()) {
			throw new IllegalArgumentException("consumer key and secret are required");
		}
		this.consumerKey = consumerKey;
		this.consumerSecret = consumerSecret;
		this.sandbox = sandbox;
		route(REQUEST_TOKEN, REQUEST_TOKEN_PATH, guarded(REQUEST_TOKEN, this::requestToken));
		route(AUTHENTICATE, AUTHENTICATE_PATH, guarded(AUTHENTICATE, this::authenticate));
		route(ACCESS_TOKEN, ACCESS_TOKEN_PATH, guarded(ACCESS_TOKEN, this::accessToken));
		route(VERIFY_CREDENTIALS, VERIFY_CREDENTIALS_PATH, guarded(VERIFY_CREDENTIALS, this::verifyCredentials));
		route(INVALIDATE_TOKEN, INVALIDATE_TOKEN_PATH, guarded(INVALIDATE_TOKEN, this::invalidateToken));
		route(DEFAULT_PROFILE_IMAGE, DEFAULT_PROFILE_IMAGE_PATH, (request) -> defaultPicture());
		if (sandbox) {
			route(CONSENT, CONSENT_PATH, guarded(CONSENT, this::consent));
		}
	}

	/**
	 * Starts a fake X on a free loopback port in auto-approve mode, for the application's automated tests: the
	 * browser is sent straight back, as {@link #nextPerson}, with no page to click through.
	 * @param consumerKey the app's API key the fake knows
	 * @param consumerSecret its secret
	 * @return the running fake; close it when done
	 */
	public static FakeTwitter start(String consumerKey, String consumerSecret) {
		FakeTwitter twitter = new FakeTwitter(0, consumerKey, consumerSecret, false);
		twitter.start();
		return twitter;
	}

	/**
	 * Starts a fake X that shows a consent page, so someone without an X account can click through the sign-in
	 * and choose (or edit) who they sign in as.
	 * @param port the port to listen on, 0 for any free one
	 * @param consumerKey the app's API key the fake knows
	 * @param consumerSecret its secret
	 * @return the running fake; close it when done
	 */
	public static FakeTwitter startSandbox(int port, String consumerKey, String consumerSecret) {
		FakeTwitter twitter = new FakeTwitter(port, consumerKey, consumerSecret, true);
		twitter.start();
		return twitter;
	}

	/** Where the app asks for a request token ({@code POST}); point the app's configuration here. */
	public String requestTokenUri() {
		return baseUri() + REQUEST_TOKEN_PATH;
	}

	/** Where the app sends the browser with the request token; point the app's configuration here. */
	public String authorizeUri() {
		return baseUri() + AUTHENTICATE_PATH;
	}

	/** Where the app trades the approved request token and verifier for an access token. */
	public String accessTokenUri() {
		return baseUri() + ACCESS_TOKEN_PATH;
	}

	/**
	 * The profile endpoint with the query X needs to return the email address; the query is part of what must be
	 * signed.
	 */
	public String userInfoUri() {
		return baseUri() + VERIFY_CREDENTIALS_PATH + "?include_email=true&skip_status=true";
	}

	/** Where the app invalidates a person's access token ({@code POST}, signed with that token). */
	public String invalidateTokenUri() {
		return baseUri() + INVALIDATE_TOKEN_PATH;
	}

	/** Whether this access token still works here (issued and not invalidated). */
	public boolean isActive(String accessToken) {
		return this.accessTokens.containsKey(accessToken);
	}

	/**
	 * Registers a callback URL, as in the X developer portal: X only accepts an {@code oauth_callback} that equals a
	 * registered one exactly, so an app that builds its callback differently than configured is caught.
	 * @param uri an absolute http(s) URL without a fragment
	 */
	public void allowCallback(String uri) {
		URI parsed = URI.create(uri);
		if (!parsed.isAbsolute() || parsed.getHost() == null || parsed.getRawFragment() != null
				|| !(parsed.getScheme().equals("http") || parsed.getScheme().equals("https"))) {
			throw new IllegalArgumentException("Not an absolute http(s) callback URL without fragment: " + uri);
		}
		this.allowedCallbacks.add(uri);
	}

	/**
	 * X's default profile picture, as {@code verify_credentials} gives it to a person without one of their own;
	 * served by the fake, so that it shows without the internet.
	 * @return {@code <base>/sticky/default_profile_images/default_profile.svg}
	 */
	public String defaultProfileImageUri() {
		return baseUri() + DEFAULT_PROFILE_IMAGE_PATH;
	}

	/**
	 * Chooses who approves the following sign-ins in auto-approve mode; stays until changed or {@link #reset}. A
	 * person without an id, or one of {@link FakePerson#READY_MADE} (whose ids are Facebook-style), gets
	 * {@link #twitterIdFor the id derived from the screen name} — the same id the consent page gives them; any other
	 * id is kept as given, so a test can pick a specific one.
	 * @param person someone with a screen name and, if any, a digits-only id
	 */
	public void nextPerson(FakePerson person) {
		this.nextPerson.set(checkedPerson(person));
	}

	/**
	 * Lets each {@code /oauth/authenticate} request say who approves it (auto-approve mode), the way X knows who is
	 * logged in from its own cookies. {@link #nextPerson} is one person for every sign-in, which many browsers
	 * signing in at once as different people (the benchmark's load driver) cannot share. Every check still applies;
	 * only the choice of person moves. It stays until replaced or {@link #reset}.
	 * @param chooser who approves, from the request (its cookies); null from it means {@link #nextPerson}. The
	 * person is taken as {@link #nextPerson} takes one: a screen name is required, the id is derived when missing.
	 */
	public void approveAs(Function<Request, FakePerson> chooser) {
		this.approver.set(Objects.requireNonNull(chooser, "chooser"));
	}

	private static FakePerson checkedPerson(FakePerson person) {
		if (person == null || person.screenName() == null || person.screenName().isBlank()) {
			throw new IllegalArgumentException("A person with a screen name is required");
		}
		boolean derive = person.id() == null || FakePerson.READY_MADE.contains(person);
		FakePerson withId = derive ? withDerivedId(person) : person;
		if (!DIGITS.matcher(withId.id()).matches()) {
			throw new IllegalArgumentException("X user ids are digits: " + withId.id());
		}
		return withId;
	}

	private FakePerson approverOf(Request request) {
		Function<Request, FakePerson> chooser = this.approver.get();
		FakePerson chosen = (chooser != null) ? chooser.apply(request) : null;
		return (chosen != null) ? checkedPerson(chosen) : this.nextPerson.get();
	}

	/** Makes the next {@code /oauth/authenticate} (auto-approve mode) decline, as a user pressing Cancel would. */
	public void denyNext() {
		this.denyNext.set(true);
	}

	/** The app's name shown on the consent page ("Authorize <name> to access your account?"). */
	public void appName(String name) {
		this.appName = (name == null || name.isBlank()) ? "this application" : name;
	}

	/**
	 * How many signed requests passed every check (signature, consumer, timestamp, nonce), so a test can prove the
	 * app's requests were really verified rather than waved through.
	 */
	public int verifiedSignatures() {
		return this.verifiedSignatures.get();
	}

	/**
	 * Every request-token secret, access token and access-token secret issued, oldest first, so tests can check
	 * none of them leaks into pages, logs, cookies or redirects.
	 */
	public List<String> issuedSecrets() {
		return List.copyOf(this.issuedSecrets);
	}

	/**
	 * Also restores the scripted defaults (the default next person, no {@link #approveAs chooser}, no pending
	 * {@link #denyNext}) and the verified
	 * signature count. Issued tokens, used nonces, issued secrets and the registered callbacks are kept: they are
	 * the provider's state and settings, not a test's script.
	 */
	@Override
	public void reset() {
		super.reset();
		this.nextPerson.set(DEFAULT_PERSON);
		this.approver.set(null);
		this.denyNext.set(false);
		this.verifiedSignatures.set(0);
	}

	/**
	 * The X-style id the fake gives a screen name: the first 8 bytes of SHA-256 of the lower-cased screen name
	 * (screen names are case-insensitive on X), mapped into [10<sup>18</sup>, 9&middot;10<sup>18</sup>). Stable
	 * across runs, 19 digits like today's X ids, and above 2<sup>53</sup> so an app that parses ids as doubles
	 * gets a wrong one.
	 * @param screenName the handle, without {@code @}
	 * @return the id as a decimal string
	 */
	public static String twitterIdFor(String screenName) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(screenName.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
			long bits = 0;
			for (int i = 0; i < 8; i++) {
				bits = (bits << 8) | (digest[i] & 0xFF);
			}
			long offset = Long.remainderUnsigned(bits, 8_000_000_000_000_000_000L);
			return Long.toString(1_000_000_000_000_000_000L + offset);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---- the endpoints ----

	private Response requestToken(Request request) {
		requireMethod(request, "POST");
		Verified verified = verify(request, (token) -> null, false);
		String callback = verified.oauth().get("oauth_callback");
		if (callback == null) {
			throw new Refusal(403, JSON_TYPE, CALLBACK_NOT_APPROVED, "no oauth_callback in the Authorization header");
		}
		if (!this.allowedCallbacks.contains(callback)) {
			throw new Refusal(403, JSON_TYPE, CALLBACK_NOT_APPROVED,
					"callback not approved: " + callback + " (allowed: " + this.allowedCallbacks + ")");
		}
		RequestToken issued = new RequestToken(randomToken(27), randomToken(32), callback);
		this.requestTokens.put(issued.token, issued);
		this.issuedSecrets.add(issued.secret);
		return new Response(200, X_FORM_TYPE, Map.of(), "oauth_token=" + urlEncode(issued.token)
				+ "&oauth_token_secret=" + urlEncode(issued.secret) + "&oauth_callback_confirmed=true");
	}

	private Response authenticate(Request request) {
		requireMethod(request, "GET");
		RequestToken token = pendingRequestToken(firstQuery(request, "oauth_token"));
		if (this.sandbox) {
			int chosen = personIndex(firstQuery(request, "person"));
			return Response.html(200, consentPage(token, FakePerson.READY_MADE.get(chosen), chosen, null));
		}
		if (this.denyNext.getAndSet(false)) {
			if (!token.deny()) {
				throw errorPage("authenticate: request token no longer pending: " + token.token);
			}
			return Response.redirect(token.deniedRedirect());
		}
		String redirect = token.approve(approverOf(request), randomToken(32));
		if (redirect == null) {
			throw errorPage("authenticate: request token no longer pending: " + token.token);
		}
		return Response.redirect(redirect);
	}

	private Response consent(Request request) {
		requireMethod(request, "POST");
		RequestToken token = pendingRequestToken(firstForm(request, "oauth_token"));
		String action = firstForm(request, "action");
		if ("cancel".equals(action)) {
			if (!token.deny()) {
				throw errorPage("consent: request token no longer pending: " + token.token);
			}
			return seeOther(token.deniedRedirect());
		}
		if (!"allow".equals(action)) {
			throw new Refusal(400, "text/plain; charset=utf-8", "Unknown action", "consent: unknown action " + action);
		}
		String name = orEmpty(firstForm(request, "name")).strip();
		String screenName = orEmpty(firstForm(request, "screen_name")).strip();
		if (screenName.startsWith("@")) {
			screenName = screenName.substring(1);
		}
		String email = orEmpty(firstForm(request, "email")).strip();
		FakePerson entered = new FakePerson(null, name, screenName, email.isEmpty() ? null : email,
				pictureOf(screenName));
		String problem = null;
		if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
			problem = "Enter a name of 1 to " + MAX_NAME_LENGTH + " characters.";
		}
		else if (!SCREEN_NAME.matcher(screenName).matches()) {
			problem = "A username has 1 to 15 letters, digits or underscores.";
		}
		if (problem != null) {
			refused("consent: " + problem);
			return Response.html(400, consentPage(token, entered, -1, problem));
		}
		String redirect = token.approve(withDerivedId(entered), randomToken(32));
		if (redirect == null) {
			throw errorPage("consent: request token no longer pending: " + token.token);
		}
		return seeOther(redirect);
	}

	private Response accessToken(Request request) {
		requireMethod(request, "POST");
		Verified verified = verify(request, (token) -> {
			RequestToken known = this.requestTokens.get(token);
			return (known != null) ? known.secret : null;
		}, true);
		RequestToken token = this.requestTokens.get(verified.token());
		List<String> verifiers = new ArrayList<>();
		if (verified.oauth().containsKey("oauth_verifier")) {
			verifiers.add(verified.oauth().get("oauth_verifier"));
		}
		for (List<Map.Entry<String, String>> source : List.of(request.query(), request.form())) {
			source.stream()
				.filter((entry) -> entry.getKey().equals("oauth_verifier"))
				.forEach((entry) -> verifiers.add(entry.getValue()));
		}
		Redemption redemption = token.redeem((verifiers.size() == 1) ? verifiers.get(0) : null);
		switch (redemption.outcome()) {
			case NOT_APPROVED -> throw new Refusal(401, JSON_TYPE, INVALID_TOKEN,
					"request token not approved (authenticate not passed): " + token.token);
			case DENIED -> throw new Refusal(401, JSON_TYPE, INVALID_TOKEN, "request token was denied: " + token.token);
			case ALREADY_USED -> throw new Refusal(401, JSON_TYPE, INVALID_TOKEN,
					"request token already used: " + token.token);
			case WRONG_VERIFIER -> throw new Refusal(401, "text/plain; charset=utf-8", INVALID_VERIFIER,
					(verifiers.size() == 1) ? "wrong oauth_verifier (request token now spent)"
							: "expected exactly one oauth_verifier, got " + verifiers.size()
									+ " (request token now spent)");
			default -> {
				// approved: fall through and issue
			}
		}
		FakePerson person = redemption.person();
		AccessToken issued = new AccessToken(person.id() + "-" + randomToken(40), randomToken(45), person);
		this.accessTokens.put(issued.token(), issued);
		this.issuedSecrets.add(issued.token());
		this.issuedSecrets.add(issued.secret());
		return new Response(200, X_FORM_TYPE, Map.of(),
				"oauth_token=" + urlEncode(issued.token()) + "&oauth_token_secret=" + urlEncode(issued.secret())
						+ "&user_id=" + urlEncode(person.id()) + "&screen_name=" + urlEncode(person.screenName()));
	}

	/**
	 * X's {@code POST oauth/invalidate_token}: signed like any call with the access token it invalidates, which
	 * then fails everywhere (an unknown or already invalidated token is refused as X refuses it, code 89).
	 */
	private Response invalidateToken(Request request) {
		requireMethod(request, "POST");
		Verified verified = verify(request, this::accessTokenSecret, true);
		this.accessTokens.remove(verified.token());
		return new Response(200, JSON_TYPE, Map.of(),
				JSON.writeValueAsString(Map.of("access_token", verified.token())));
	}

	/** The secret of an access token that works here, or null. */
	private String accessTokenSecret(String token) {
		AccessToken known = this.accessTokens.get(token);
		return (known != null) ? known.secret() : null;
	}

	private Response verifyCredentials(Request request) {
		requireMethod(request, "GET");
		Verified verified = verify(request, this::accessTokenSecret, true);
		FakePerson person = this.accessTokens.get(verified.token()).person();
		boolean includeEmail = "true".equals(firstQuery(request, "include_email"));
		ObjectNode user = JSON.createObjectNode();
		user.put("id", new BigInteger(person.id()));
		user.put("id_str", person.id());
		user.put("name", person.name());
		user.put("screen_name", person.screenName());
		if (includeEmail && person.email() != null) {
			user.put("email", person.email());
		}
		else {
			user.putNull("email");
		}
		user.put("profile_image_url_https",
				(person.pictureUrl() != null) ? person.pictureUrl() : defaultProfileImageUri());
		return new Response(200, JSON_TYPE, Map.of(), JSON.writeValueAsString(user));
	}

	// ---- signature checking ----

	/**
	 * Checks a signed request the way X does, in X's order: header, consumer, method, version, timestamp, token,
	 * signature, nonce. Only a request that passes everything consumes its nonce and counts as verified.
	 * @param tokenSecrets the secret of a presented token, or null if the token is unknown
	 * @param tokenRequired true when the request must carry {@code oauth_token}; false when it must not
	 */
	private Verified verify(Request request, Function<String, String> tokenSecrets, boolean tokenRequired) {
		Map<String, String> oauth;
		try {
			oauth = OAuth1Verifier.parseAuthorizationHeader(request.header("Authorization"));
		}
		catch (IllegalArgumentException ex) {
			throw new Refusal(400, JSON_TYPE, BAD_AUTHENTICATION_DATA, "bad Authorization header: " + ex.getMessage());
		}
		for (List<Map.Entry<String, String>> source : List.of(request.query(), request.form())) {
			for (Map.Entry<String, String> entry : source) {
				if (entry.getKey().startsWith("oauth_") && !entry.getKey().equals("oauth_verifier")) {
					throw couldNotAuthenticate(
							"protocol parameter " + entry.getKey() + " outside the Authorization header");
				}
			}
		}
		for (String required : List.of("oauth_consumer_key", "oauth_signature_method", "oauth_timestamp",
				"oauth_nonce", "oauth_signature")) {
			if (oauth.get(required) == null || oauth.get(required).isEmpty()) {
				throw couldNotAuthenticate("missing " + required);
			}
		}
		if (!this.consumerKey.equals(oauth.get("oauth_consumer_key"))) {
			throw couldNotAuthenticate("unknown consumer key " + oauth.get("oauth_consumer_key"));
		}
		if (!"HMAC-SHA1".equals(oauth.get("oauth_signature_method"))) {
			throw couldNotAuthenticate("unsupported oauth_signature_method " + oauth.get("oauth_signature_method"));
		}
		String version = oauth.get("oauth_version");
		if (version != null && !version.equals("1.0")) {
			throw couldNotAuthenticate("unsupported oauth_version " + version);
		}
		String timestamp = oauth.get("oauth_timestamp");
		long now = Instant.now().getEpochSecond();
		if (!timestamp.matches("[0-9]{1,12}") || Math.abs(now - Long.parseLong(timestamp)) > TIMESTAMP_WINDOW_SECONDS) {
			throw couldNotAuthenticate("stale or bad oauth_timestamp " + timestamp + " (now " + now + ")");
		}
		String token = oauth.get("oauth_token");
		String tokenSecret = null;
		if (tokenRequired) {
			tokenSecret = (token != null) ? tokenSecrets.apply(token) : null;
			if (tokenSecret == null) {
				throw new Refusal(401, JSON_TYPE, INVALID_TOKEN, "unknown or missing oauth_token " + token);
			}
		}
		else if (token != null) {
			throw couldNotAuthenticate("oauth_token sent where no token belongs");
		}
		String host = request.header("Host");
		String baseUri = OAuth1Verifier.baseStringUri("http", (host != null) ? host : "127.0.0.1:" + port(),
				request.uri().getRawPath());
		String baseString = OAuth1Verifier.baseString(request.method(), baseUri, oauth, request.query(),
				request.form());
		byte[] expected = OAuth1Verifier.hmacSha1(baseString, this.consumerSecret, tokenSecret);
		if (!OAuth1Verifier.signatureMatches(expected, oauth.get("oauth_signature"))) {
			throw couldNotAuthenticate("bad signature " + oauth.get("oauth_signature") + " for base string "
					+ baseString);
		}
		if (!this.seenNonces.add(this.consumerKey + " " + oauth.get("oauth_nonce"))) {
			throw couldNotAuthenticate("reused oauth_nonce " + oauth.get("oauth_nonce"));
		}
		this.verifiedSignatures.incrementAndGet();
		return new Verified(oauth, token);
	}

	// ---- helpers ----

	private Handler guarded(String endpoint, Handler handler) {
		return (request) -> {
			try {
				return handler.handle(request);
			}
			catch (Refusal refusal) {
				refused(endpoint + ": " + refusal.reason);
				return refusal.response;
			}
		};
	}

	private RequestToken pendingRequestToken(String value) {
		RequestToken token = (value != null) ? this.requestTokens.get(value) : null;
		if (token == null) {
			throw errorPage("unknown request token " + value);
		}
		if (!token.isPending()) {
			throw errorPage("request token no longer pending: " + value);
		}
		return token;
	}

	private static void requireMethod(Request request, String method) {
		if (!request.method().equals(method)) {
			throw new Refusal(405, "text/plain; charset=utf-8", "Method not allowed",
					request.method() + " where " + method + " is expected");
		}
	}

	private static Refusal couldNotAuthenticate(String reason) {
		return new Refusal(401, JSON_TYPE, COULD_NOT_AUTHENTICATE, reason);
	}

	private static Refusal errorPage(String reason) {
		return new Refusal(400, "text/html; charset=utf-8", errorPageHtml(), reason);
	}

	private static Response seeOther(String location) {
		return new Response(303, null, Map.of("Location", location), "");
	}

	private static String firstQuery(Request request, String name) {
		return first(request.query(), name);
	}

	private static String firstForm(Request request, String name) {
		return first(request.form(), name);
	}

	private static String first(List<Map.Entry<String, String>> entries, String name) {
		for (Map.Entry<String, String> entry : entries) {
			if (entry.getKey().equals(name)) {
				return entry.getValue();
			}
		}
		return null;
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

	private static int personIndex(String value) {
		if (value != null && value.matches("[0-9]{1,3}")) {
			int index = Integer.parseInt(value);
			if (index < FakePerson.READY_MADE.size()) {
				return index;
			}
		}
		return 0;
	}

	private static String pictureOf(String screenName) {
		for (FakePerson person : FakePerson.READY_MADE) {
			if (person.screenName().equalsIgnoreCase(screenName)) {
				return person.pictureUrl();
			}
		}
		return null;
	}

	private static FakePerson withDerivedId(FakePerson person) {
		return person.withId(twitterIdFor(person.screenName()));
	}

	private String randomToken(int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = TOKEN_ALPHABET[this.random.nextInt(TOKEN_ALPHABET.length)];
		}
		return new String(chars);
	}

	// ---- pages ----

	private static final String STYLE = """
			<style>
			body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;\
			color:#0f1419;background:#fff;font-size:16px;line-height:1.4}
			header{background:#000;color:#fff;padding:10px 16px;display:flex;align-items:center;gap:12px}
			header .logo{font-size:28px;font-weight:800}
			header .tag{font-size:13px;color:#8b98a5;border:1px solid #536471;border-radius:999px;padding:1px 10px}
			main{max-width:600px;margin:0 auto;padding:16px}
			h1{font-size:23px;line-height:1.25;margin:8px 0 16px}
			h2{font-size:17px;margin:20px 0 8px}
			.note{color:#536471;font-size:14px}
			.people{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:8px}
			.people a{display:block;padding:8px 14px;border:1px solid #cfd9de;border-radius:999px;color:#0f1419;\
			text-decoration:none;overflow-wrap:anywhere}
			.people a[aria-current]{background:#0f1419;color:#fff;border-color:#0f1419}
			label{display:block;font-weight:700;margin:14px 0 4px}
			input{box-sizing:border-box;width:100%;padding:12px;font-size:17px;border:1px solid #cfd9de;\
			border-radius:4px}
			.actions{display:flex;flex-wrap:wrap;gap:12px;margin-top:20px}
			button{flex:1 1 140px;padding:12px 16px;font-size:17px;font-weight:700;border-radius:999px;cursor:pointer}
			.allow{background:#0f1419;color:#fff;border:1px solid #0f1419}
			.cancel{background:#fff;color:#0f1419;border:1px solid #cfd9de}
			.error{background:#fdecea;color:#b00020;padding:12px;border-radius:4px}
			</style>
			""";

	private static String page(String title, String main) {
		return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + html(title)
				+ "</title>\n" + STYLE + "</head>\n<body>\n"
				+ "<header><span class=\"logo\" role=\"img\" aria-label=\"X\">\uD835\uDD4F</span><span>Twitter / X</span>"
				+ "<span class=\"tag\">sandbox</span></header>\n<main>\n" + main + "</main>\n</body>\n</html>\n";
	}

	private static String errorPageHtml() {
		return page("X / Error", "<h1>Whoa there!</h1>\n<p>The request token for this page is invalid. It may have "
				+ "already been used, or expired because it is too old. Please go back to the site or application "
				+ "that sent you here and try again; it was probably just a mistake.</p>\n");
	}

	private String consentPage(RequestToken token, FakePerson person, int chosen, String problem) {
		StringBuilder main = new StringBuilder();
		main.append("<p class=\"note\">A stand-in for X to try the app without an X account. ")
			.append("Nothing here talks to the real X.</p>\n");
		main.append("<h1>Authorize <strong>")
			.append(html(this.appName))
			.append("</strong> to access your account?</h1>\n");
		if (problem != null) {
			main.append("<p class=\"error\" role=\"alert\">").append(html(problem)).append("</p>\n");
		}
		main.append("<h2>Who is signing in</h2>\n<p class=\"note\">Pick someone, or edit the details below.</p>\n");
		main.append("<ul class=\"people\">\n");
		for (int i = 0; i < FakePerson.READY_MADE.size(); i++) {
			FakePerson option = FakePerson.READY_MADE.get(i);
			String href = AUTHENTICATE_PATH + "?oauth_token=" + urlEncode(token.token) + "&person=" + i;
			main.append("<li><a href=\"").append(html(href)).append('"');
			if (i == chosen) {
				main.append(" aria-current=\"true\"");
			}
			main.append('>')
				.append(html(option.name()))
				.append(" <span class=\"handle\">@")
				.append(html(option.screenName()))
				.append("</span></a></li>\n");
		}
		main.append("</ul>\n");
		main.append("<form method=\"post\" action=\"").append(CONSENT_PATH).append("\" accept-charset=\"UTF-8\">\n");
		main.append("<input type=\"hidden\" name=\"oauth_token\" value=\"").append(html(token.token)).append("\">\n");
		main.append("<label for=\"name\">Name</label>\n<input id=\"name\" name=\"name\" required maxlength=\"")
			.append(MAX_NAME_LENGTH)
			.append("\" value=\"")
			.append(html(person.name()))
			.append("\">\n");
		main.append("<label for=\"screen_name\">Username (@)</label>\n")
			.append("<input id=\"screen_name\" name=\"screen_name\" required pattern=\"@?[A-Za-z0-9_]{1,15}\" ")
			.append("autocapitalize=\"none\" value=\"")
			.append(html(person.screenName()))
			.append("\">\n");
		main.append("<label for=\"email\">Email (leave empty for an account without one)</label>\n")
			.append("<input id=\"email\" name=\"email\" type=\"email\" value=\"")
			.append(html(person.email()))
			.append("\">\n");
		main.append("<div class=\"actions\">\n")
			.append("<button class=\"allow\" type=\"submit\" name=\"action\" value=\"allow\">Authorize app</button>\n")
			.append("<button class=\"cancel\" type=\"submit\" name=\"action\" value=\"cancel\" formnovalidate>")
			.append("Cancel</button>\n</div>\n</form>\n");
		main.append("<h2>This application will be able to:</h2>\n<ul>\n")
			.append("<li>See your profile information: name, username and profile picture.</li>\n")
			.append("<li>See your account's email address.</li>\n</ul>\n")
			.append("<h2>Will not be able to:</h2>\n<ul>\n<li>See your X password.</li>\n")
			.append("<li>Post or send messages for you.</li>\n</ul>\n")
			.append("<p class=\"note\">The account id is derived from the username, so the same username signs in ")
			.append("as the same account.</p>\n");
		return page("X / Authorize an application", main.toString());
	}

	// ---- state ----

	private record Verified(Map<String, String> oauth, String token) {
	}

	private record AccessToken(String token, String secret, FakePerson person) {
	}

	private enum Stage {

		PENDING, APPROVED, DENIED, USED

	}

	private enum Outcome {

		ISSUED, NOT_APPROVED, DENIED, ALREADY_USED, WRONG_VERIFIER

	}

	private record Redemption(Outcome outcome, FakePerson person) {
	}

	/** A request token's life: pending → approved (with a person and verifier) or denied → used. */
	private static final class RequestToken {

		private final String token;

		private final String secret;

		private final String callback;

		private Stage stage = Stage.PENDING;

		private FakePerson person;

		private String verifier;

		RequestToken(String token, String secret, String callback) {
			this.token = token;
			this.secret = secret;
			this.callback = callback;
		}

		synchronized boolean isPending() {
			return this.stage == Stage.PENDING;
		}

		/** @return the redirect back to the app, or null when the token is no longer pending */
		synchronized String approve(FakePerson approver, String newVerifier) {
			if (this.stage != Stage.PENDING) {
				return null;
			}
			this.stage = Stage.APPROVED;
			this.person = approver;
			this.verifier = newVerifier;
			return withQuery("oauth_token=" + urlEncode(this.token) + "&oauth_verifier=" + urlEncode(newVerifier));
		}

		synchronized boolean deny() {
			if (this.stage != Stage.PENDING) {
				return false;
			}
			this.stage = Stage.DENIED;
			return true;
		}

		String deniedRedirect() {
			return withQuery("denied=" + urlEncode(this.token));
		}

		synchronized Redemption redeem(String presentedVerifier) {
			switch (this.stage) {
				case PENDING:
					return new Redemption(Outcome.NOT_APPROVED, null);
				case DENIED:
					return new Redemption(Outcome.DENIED, null);
				case USED:
					return new Redemption(Outcome.ALREADY_USED, null);
				default:
					break;
			}
			this.stage = Stage.USED;
			boolean matches = presentedVerifier != null
					&& MessageDigest.isEqual(this.verifier.getBytes(StandardCharsets.UTF_8),
							presentedVerifier.getBytes(StandardCharsets.UTF_8));
			return matches ? new Redemption(Outcome.ISSUED, this.person) : new Redemption(Outcome.WRONG_VERIFIER, null);
		}

		private String withQuery(String query) {
			return this.callback + (this.callback.contains("?") ? "&" : "?") + query;
		}

	}

	/** A refusal with X's answer; thrown inside a handler and turned into the answer plus a recorded reason. */
	private static final class Refusal extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient Response response;

		private final String reason;

		Refusal(int status, String contentType, String body, String reason) {
			super(reason, null, false, false);
			this.response = new Response(status, contentType, Map.of(), body);
			this.reason = reason;
		}

	}

}
