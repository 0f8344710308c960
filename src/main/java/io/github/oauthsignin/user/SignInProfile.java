package io.github.oauthsignin.user;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who signed in, as a provider told us. Values are cleaned on the way in: control characters and surrounding
 * blanks go, an email that is not an address and a picture that is not an http(s) URL are dropped.
 * @param provider the provider's id, such as {@code facebook}
 * @param providerUserId the person's id at the provider, never blank (see {@link SocialId})
 * @param nickname the name to greet the person with (their display name where the provider has one), never blank
 * @param username their handle at the provider, such as X's {@code ada_lovelace} or GitHub's login, without an
 * {@code @}, when the provider has one that looks like a handle
 * @param email the person's email address, when the provider gave a usable one
 * @param pictureUrl the person's picture, when the provider gave one
 */
public record SignInProfile(String provider, String providerUserId, String nickname, Optional<String> username,
		Optional<String> email, Optional<URI> pictureUrl) {

	/** Longest handle kept (GitHub's are 39, X's 15). */
	public static final int MAX_USERNAME_LENGTH = 50;

	private static final Pattern HANDLE = Pattern.compile("[\\p{L}\\p{N}_.-]{1," + MAX_USERNAME_LENGTH + "}");

	/** Longest email address SMTP allows (64 for the local part, 1 for the at sign, 255 for the domain). */
	public static final int MAX_EMAIL_LENGTH = 320;

	private static final int MAX_PICTURE_URL_LENGTH = 1024;

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

	/**
	 * @throws IllegalArgumentException when the provider user id or the nickname is blank, or the id is too long
	 * or holds characters an id never has
	 */
	public SignInProfile {
		providerUserId = new SocialId(provider, clean(providerUserId)).providerUserId();
		nickname = clean(nickname);
		if (nickname == null) {
			throw new IllegalArgumentException("nickname is blank");
		}
		username = username.map(SignInProfile::clean)
			.map((handle) -> handle.startsWith("@") ? handle.substring(1) : handle)
			.filter((handle) -> HANDLE.matcher(handle).matches());
		email = email.map(SignInProfile::clean).filter(SignInProfile::isEmailAddress);
		pictureUrl = pictureUrl.filter(SignInProfile::isWebUrl);
	}

	/**
	 * A profile from raw provider values.
	 * @param nicknameCandidates names to greet the person with, best first; the first usable one is taken
	 */
	public static SignInProfile of(String provider, String providerUserId, String email, String pictureUrl,
			String... nicknameCandidates) {
		return new SignInProfile(provider, providerUserId, firstUsable(nicknameCandidates), Optional.empty(),
				Optional.ofNullable(email),
				Optional.ofNullable(pictureUrl).map(SignInProfile::toUriOrNull));
	}

	/** The same profile with this handle (null for none; one that does not look like a handle is dropped). */
	public SignInProfile withUsername(String handle) {
		return new SignInProfile(this.provider, this.providerUserId, this.nickname, Optional.ofNullable(handle),
				this.email, this.pictureUrl);
	}

	/** Who this is at the provider, such as {@code facebook$1234}. */
	public SocialId socialId() {
		return new SocialId(this.provider, this.providerUserId);
	}

	/** The local part of an email address (before the at sign), or null. */
	public static String localPart(String email) {
		if (email == null) {
			return null;
		}
		int at = email.indexOf('@');
		return (at > 0) ? email.substring(0, at) : null;
	}

	private static String firstUsable(String... candidates) {
		for (String candidate : candidates) {
			String cleaned = clean(candidate);
			if (cleaned != null) {
				return cleaned;
			}
		}
		return null;
	}

	private static String clean(String value) {
		if (value == null) {
			return null;
		}
		String cleaned = InvisibleCharacters.remove(value).strip();
		return cleaned.isEmpty() ? null : cleaned;
	}

	private static boolean isEmailAddress(String email) {
		return email.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(email).matches();
	}

	private static boolean isWebUrl(URI uri) {
		String scheme = uri.getScheme();
		return uri.isAbsolute() && uri.getHost() != null && uri.toString().length() <= MAX_PICTURE_URL_LENGTH
				&& ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme));
	}

	private static URI toUriOrNull(String value) {
		try {
			return new URI(value.strip());
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
