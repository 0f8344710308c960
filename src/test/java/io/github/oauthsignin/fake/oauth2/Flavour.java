package io.github.oauthsignin.fake.oauth2;

import java.math.BigInteger;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.twitter.FakeTwitter;

/**
 * Which real provider a {@link FakeOAuth2Provider} imitates on the wire. The authorization-code mechanics are the
 * same for all (see {@link FakeOAuth2Provider}); a flavour decides the paths, the known scopes, how the token
 * endpoint authenticates clients and answers, what the profile endpoints say, the error format, the look of the
 * consent page, and what a person's id looks like. The wire details live in one small class per flavour
 * ({@code OidcDialect}, {@code GitHubDialect}, {@code XDialect}, {@code FacebookDialect}).
 */
public enum Flavour {

	/**
	 * A generic OpenID Connect issuer (Google, a "Sandbox ID" provider, any other): discovery, JWKS, RS256 ID
	 * tokens and UserInfo under {@code http://127.0.0.1:<port>} plus an optional issuer path. Subjects are any
	 * ASCII text up to 255 characters.
	 */
	OIDC,

	/**
	 * GitHub's OAuth apps: {@code /login/oauth/...}, a token endpoint that answers form-encoded unless asked for
	 * JSON and reports errors with status 200, and the REST API's {@code /user} and {@code /user/emails} under
	 * {@code <base>/api}. Ids are numbers below 2<sup>53</sup>, logins are letters, digits and hyphens; a
	 * ready-made person gets an id derived from the login.
	 */
	GITHUB,

	/**
	 * X over OAuth 2.0: PKCE S256 always, HTTP Basic client authentication, and {@code /2/users/me}. Ids are the
	 * same 19-digit numbers the OAuth 1.0a fake ({@link FakeTwitter#twitterIdFor}) gives a username, so that one
	 * person has one X id whichever protocol signs them in.
	 */
	X,

	/**
	 * Facebook Login's manual flow, Graph API {@value FakeOAuth2Provider#FACEBOOK_VERSION}. Its endpoints keep
	 * Facebook's own names for {@link FakeOAuth2Provider#calls(String)}: {@code dialog} for the authorize
	 * endpoint and {@code me} for the profile, as {@code FakeFacebook} always had them.
	 */
	FACEBOOK;

	private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,19}|0");

	private static final Pattern GITHUB_LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");

	private static final Pattern X_USERNAME = Pattern.compile("[A-Za-z0-9_]{1,15}");

	private static final Pattern OIDC_SUBJECT = Pattern.compile("[\\x21-\\x7e]{1,255}");

	private static final long JSON_SAFE = (1L << 53) - 1;

	/**
	 * The id a person made up on the consent page gets: the same name always gives the same id, so a made-up person
	 * can sign in again. Facebook: {@code 10160} and 13 digits of the name's SHA-256; GitHub and X: derived from the
	 * username the name gives; OpenID Connect: 20 digits.
	 * @param name the person's display name
	 * @return the id
	 */
	public String derivedId(String name) {
		return switch (this) {
			case FACEBOOK -> "10160" + String.format(Locale.ROOT, "%013d",
					Digests.hashNumber(name) % 10_000_000_000_000L);
			case GITHUB -> gitHubId(handle(name, '-', 39));
			case X -> FakeTwitter.twitterIdFor(handle(name, '_', 15));
			case OIDC -> "1" + String.format(Locale.ROOT, "%019d", Digests.hashNumber(name));
		};
	}

	/** The wire details of this flavour for one provider. */
	Dialect dialect(FakeOAuth2Provider provider) {
		return switch (this) {
			case OIDC -> new OidcDialect(provider);
			case GITHUB -> new GitHubDialect(provider);
			case X -> new XDialect(provider);
			case FACEBOOK -> new FacebookDialect(provider);
		};
	}

	/**
	 * Checks that a person could exist at this provider, giving a ready-made one (whose ids are Facebook-like) this
	 * provider's kind of id, so that tests can sign in as anyone on the list.
	 * @throws IllegalArgumentException when the person could not exist here
	 */
	FakePerson person(FakePerson given) {
		Objects.requireNonNull(given, "person");
		FakePerson person = given;
		if (FakePerson.READY_MADE.contains(given)) {
			person = switch (this) {
				case GITHUB -> withHandle(given, given.screenName().replace('_', '-'));
				case X -> withHandle(given, given.screenName());
				case OIDC, FACEBOOK -> given;
			};
		}
		String id = person.id();
		boolean valid = switch (this) {
			case FACEBOOK -> id != null && id.matches("[0-9]{1,20}") && hasName(person);
			case GITHUB -> id != null && DIGITS.matcher(id).matches() && new BigInteger(id).longValue() <= JSON_SAFE
					&& id.length() <= 16 && person.screenName() != null
					&& GITHUB_LOGIN.matcher(person.screenName()).matches();
			case X -> id != null && DIGITS.matcher(id).matches() && hasName(person) && person.screenName() != null
					&& X_USERNAME.matcher(person.screenName()).matches();
			case OIDC -> id != null && OIDC_SUBJECT.matcher(id).matches();
		};
		if (!valid) {
			throw new IllegalArgumentException(switch (this) {
				case FACEBOOK -> "A Facebook person needs a numeric id and a name: ";
				case GITHUB -> "A GitHub person needs a numeric id below 2^53 and a login of letters, digits and "
						+ "hyphens: ";
				case X -> "An X person needs a numeric id, a name and a username of up to 15 letters, digits or _: ";
				case OIDC -> "An OpenID Connect person needs a subject (id) of 1 to 255 printable ASCII characters: ";
			} + given);
		}
		return person;
	}

	/**
	 * Who signs in after the consent page: the ready-made person picked, with the email as edited, while the name
	 * is unchanged (the same account with a new address); with another name, someone new whose id (and username)
	 * derive from the name.
	 */
	FakePerson madeUp(FakePerson picked, String name, String email, boolean emailVerified) {
		FakePerson chosen = person(picked);
		String address = email.isEmpty() ? null : email;
		if (chosen.name().equals(name)) {
			return new FakePerson(chosen.id(), name, chosen.screenName(), address, chosen.pictureUrl(),
					emailVerified);
		}
		String screenName = switch (this) {
			case GITHUB -> handle(name, '-', 39);
			case X -> handle(name, '_', 15);
			case OIDC -> handle(name, '_', 30);
			case FACEBOOK -> chosen.screenName();
		};
		return new FakePerson(derivedId(name), name, screenName, address, null, emailVerified);
	}

	private FakePerson withHandle(FakePerson person, String handle) {
		String id = (this == X) ? FakeTwitter.twitterIdFor(handle) : gitHubId(handle);
		return new FakePerson(id, person.name(), handle, person.email(), person.pictureUrl(), person.emailVerified());
	}

	private static boolean hasName(FakePerson person) {
		return person.name() != null && !person.name().isBlank();
	}

	/** GitHub-like ids: 8 or 9 digits, stable per login (case-insensitive, as GitHub logins are). */
	private static String gitHubId(String login) {
		return Long.toString(10_000_000L + Digests.hashNumber(login.toLowerCase(Locale.ROOT)) % 190_000_000L);
	}

	/**
	 * A username made from a display name: its letters and digits without accents, lower case, words joined by the
	 * separator; {@code user} and digits when nothing is left.
	 */
	static String handle(String name, char separator, int maxLength) {
		String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
		StringBuilder handle = new StringBuilder();
		for (String word : plain.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
			if (word.isEmpty()) {
				continue;
			}
			if (handle.length() > 0) {
				handle.append(separator);
			}
			handle.append(word);
		}
		String text = (handle.length() > maxLength) ? handle.substring(0, maxLength) : handle.toString();
		while (text.endsWith(String.valueOf(separator))) {
			text = text.substring(0, text.length() - 1);
		}
		return text.isEmpty() ? "user" + (Digests.hashNumber(name) % 1_000_000L) : text;
	}

}
