package io.github.oauthsignin.fake.facebook;

import io.github.oauthsignin.fake.oauth2.Digests;
import io.github.oauthsignin.fake.oauth2.FakeOAuth2Provider;
import io.github.oauthsignin.fake.oauth2.Flavour;

/**
 * A strict fake Facebook: the generic {@link FakeOAuth2Provider} in its {@link Flavour#FACEBOOK} flavour (Facebook
 * Login's manual flow, the code for token exchange and the Graph API's {@code /me}), under the name and endpoint
 * names the tests and the benchmark have always used. Everything it checks, and where it is stricter than Facebook,
 * is described on {@link FakeOAuth2Provider} and the flavour.
 * <p>
 * Two modes: auto-approve ({@link #start(String, String)}) for full-flow tests, and consent page
 * ({@link #startSandbox(int, String, String)}) for people trying the app without a Facebook account. A person
 * edited on the consent page keeps the id of the ready-made person picked while the name is unchanged; with another
 * name, the id is {@link #derivedId derived from the name}, so the same name always signs in as the same person.
 */
public final class FakeFacebook extends FakeOAuth2Provider {

	/** The OAuth dialog ({@code GET /v25.0/dialog/oauth}). */
	public static final String DIALOG = "dialog";

	/** The code for token exchange ({@code /v25.0/oauth/access_token}). */
	public static final String TOKEN = FakeOAuth2Provider.TOKEN;

	/** The Graph API's {@code /v25.0/me}. */
	public static final String ME = "me";

	/** The consent page's form ({@code POST /v25.0/dialog/consent}); consent-page mode only. */
	public static final String CONSENT = FakeOAuth2Provider.CONSENT;

	/** The default profile picture, a silhouette. */
	public static final String PICTURE = FakeOAuth2Provider.PICTURE;

	/** The Graph API version the fake speaks; other versions answer 404. */
	public static final String VERSION = FakeOAuth2Provider.FACEBOOK_VERSION;

	private FakeFacebook(int port, String clientId, String clientSecret, boolean consentPage) {
		super(Flavour.FACEBOOK, port, "", clientId, clientSecret, consentPage);
	}

	/**
	 * Starts a fake Facebook app in auto-approve mode on a free loopback port, for tests that run the whole sign-in
	 * without a browser: each dialog answers at once, as the person set with {@link #nextPerson}.
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

	/** The Facebook id of a person made up on the consent page ({@code 10160} and 13 digits of the name's hash). */
	static String derivedId(String name) {
		return Flavour.FACEBOOK.derivedId(name);
	}

	/** PKCE S256, as the fake checks it. */
	static String s256(String verifier) {
		return Digests.s256(verifier);
	}

	/** Facebook's appsecret_proof: lower-case hex HMAC-SHA256 of the access token, keyed with the app secret. */
	static String appSecretProof(String appSecret, String accessToken) {
		return Digests.hmacSha256Hex(appSecret, accessToken);
	}

}
