package io.github.oauthsignin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer;
import io.github.oauthsignin.fake.facebook.FakeFacebook;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.oauth2.Flavour;
import io.github.oauthsignin.fake.twitter.FakeTwitter;

/**
 * The benchmark's providers: the strict fake Facebook, fake X (OAuth 1.0a) and an OpenID Connect provider, "Bench
 * ID", in auto-approve mode, in a JVM of their own so that the CPU they spend is not counted as the app's.
 * <p>
 * Every check of the fakes stays on (redirect URI and callback allow-lists, state, PKCE S256, single-use codes and
 * request tokens, client secret, appsecret_proof, OAuth 1.0a signatures, timestamps and nonces; for Bench ID the
 * nonce, and ID tokens signed with RS256 that the app checks against the published keys). Only who approves
 * is chosen per request: the load driver's browsers are "logged in at the provider" with a {@code bench_person}
 * cookie holding a numeric id, and {@link FakeFacebook#approveAs} / {@link FakeTwitter#approveAs} sign them in as
 * that person, so that 32 browsers at once can be 32 different people. The person's name is derived from the id,
 * so the driver knows which greeting to expect.
 * <p>
 * Usage: {@code BenchProviders --ready-file F [--facebook-redirect URL]... [--twitter-callback URL]...
 * [--bench-id-redirect URL]...}; the app credentials come from {@code FACEBOOK_CLIENT_ID},
 * {@code FACEBOOK_CLIENT_SECRET}, {@code TWITTER_CONSUMER_KEY}, {@code TWITTER_CONSUMER_SECRET} and
 * {@link #BENCH_ID_CLIENT_ID} / {@link #BENCH_ID_CLIENT_SECRET}. Once listening it writes each endpoint as a shell assignment
 * ({@code FACEBOOK_TOKEN_URI='http://127.0.0.1:…'}) to the ready file, for {@code bench/run.sh} to source, then runs
 * until stopped; on the way out it prints the calls per endpoint and every refusal, which a clean run has none
 * of.
 */
public final class BenchProviders {

	/** The cookie that says who the browser is logged in as at the provider. */
	public static final String PERSON_COOKIE = "bench_person";

	/** The app's client id at Bench ID, the OpenID Connect provider. */
	public static final String BENCH_ID_CLIENT_ID = "bench-id-client";

	/** The app's client secret at Bench ID. */
	public static final String BENCH_ID_CLIENT_SECRET = "bench-id-secret-not-a-real-one";

	private BenchProviders() {
	}

	/** The Facebook person behind an id: what the app will greet ({@code Bench Person <id>}). */
	public static FakePerson facebookPerson(String id) {
		return new FakePerson(id, name(id), "b" + id, "p" + id + "@bench.example", null);
	}

	/** The name both providers give person {@code id}, which the app greets. */
	public static String name(String id) {
		return "Bench Person " + id;
	}

	/** The X person behind an id: greeted by name too, with the handle {@code b<id>}. */
	public static FakePerson twitterPerson(String id) {
		return new FakePerson(id, name(id), "b" + id, "p" + id + "@bench.example", null);
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Path readyFile = null;
		List<String> facebookRedirects = new ArrayList<>();
		List<String> twitterCallbacks = new ArrayList<>();
		List<String> benchIdRedirects = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--ready-file" -> readyFile = Path.of(args[++i]);
				case "--facebook-redirect" -> facebookRedirects.add(args[++i]);
				case "--twitter-callback" -> twitterCallbacks.add(args[++i]);
				case "--bench-id-redirect" -> benchIdRedirects.add(args[++i]);
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
			}
		}
		if (readyFile == null) {
			throw new IllegalArgumentException("--ready-file is required");
		}
		FakeFacebook facebook = FakeFacebook.start(env("FACEBOOK_CLIENT_ID"), env("FACEBOOK_CLIENT_SECRET"));
		FakeTwitter twitter = FakeTwitter.start(env("TWITTER_CONSUMER_KEY"), env("TWITTER_CONSUMER_SECRET"));
		FakeOAuth2Provider benchId = FakeOAuth2Provider.start(Flavour.OIDC, BENCH_ID_CLIENT_ID, BENCH_ID_CLIENT_SECRET);
		facebookRedirects.forEach(facebook::allowRedirectUri);
		benchIdRedirects.forEach(benchId::allowRedirectUri);
		twitterCallbacks.forEach(twitter::allowCallback);
		facebook.approveAs((request) -> personId(request.header("Cookie")) != null
				? facebookPerson(personId(request.header("Cookie"))) : null);
		twitter.approveAs((request) -> personId(request.header("Cookie")) != null
				? twitterPerson(personId(request.header("Cookie"))) : null);
		benchId.approveAs((request) -> personId(request.header("Cookie")) != null
				? facebookPerson(personId(request.header("Cookie"))) : null);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			report("facebook", facebook);
			report("twitter", twitter);
			report("bench-id", benchId);
			facebook.close();
			twitter.close();
			benchId.close();
			stopped.countDown();
		}, "bench-providers-shutdown"));
		Path temporary = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
		Map<String, String> endpoints = new LinkedHashMap<>();
		endpoints.put("FACEBOOK_BASE", facebook.baseUri().toString());
		endpoints.put("FACEBOOK_AUTHORIZATION_URI", facebook.authorizationUri());
		endpoints.put("FACEBOOK_TOKEN_URI", facebook.tokenUri());
		endpoints.put("FACEBOOK_USER_INFO_URI", facebook.userInfoUri());
		endpoints.put("TWITTER_BASE", twitter.baseUri().toString());
		endpoints.put("TWITTER_REQUEST_TOKEN_URI", twitter.requestTokenUri());
		endpoints.put("TWITTER_AUTHORIZE_URI", twitter.authorizeUri());
		endpoints.put("TWITTER_ACCESS_TOKEN_URI", twitter.accessTokenUri());
		endpoints.put("TWITTER_USER_INFO_URI", twitter.userInfoUri());
		endpoints.put("BENCH_ID_BASE", benchId.baseUri().toString());
		endpoints.put("BENCH_ID_ISSUER_URI", benchId.issuer());
		StringBuilder ready = new StringBuilder();
		endpoints.forEach((name, uri) -> ready.append(name).append("='").append(uri).append("'\n"));
		Files.writeString(temporary, ready, StandardCharsets.UTF_8);
		Files.move(temporary, readyFile);
		System.out.println("Bench providers ready: facebook " + facebook.baseUri() + ", twitter " + twitter.baseUri()
				+ ", bench-id " + benchId.issuer());
		stopped.await();
	}

	/** The id in the {@code bench_person} cookie, if the request carries a well-formed one. */
	static String personId(String cookieHeader) {
		if (cookieHeader == null) {
			return null;
		}
		for (String cookie : cookieHeader.split(";")) {
			String trimmed = cookie.strip();
			if (trimmed.startsWith(PERSON_COOKIE + "=")) {
				String id = trimmed.substring(PERSON_COOKIE.length() + 1);
				return id.matches("[1-9][0-9]{0,17}") ? id : null;
			}
		}
		return null;
	}

	private static void report(String name, FakeServer provider) {
		Map<String, Integer> calls = provider.calls();
		List<String> refusals = provider.refusals();
		System.out.println("PROVIDER " + name + " calls=" + calls + " refusals=" + refusals.size());
		refusals.stream().limit(20).forEach((refusal) -> System.out.println("  refused: " + refusal));
		System.out.flush();
	}

	private static String env(String name) {
		String value = System.getenv(name);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(name + " is not set");
		}
		return value;
	}

}
