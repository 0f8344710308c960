package io.github.oauthsignin.account;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.UnaryOperator;

import io.github.oauthsignin.user.SocialId;
import io.github.oauthsignin.user.User;

/**
 * Everything the app keeps about a person, as the account page shows it. Dates are in UTC and say so: without
 * JavaScript the page cannot know the reader's time zone.
 * @param nickname the name we greet them with
 * @param email their email address, or null when the provider shared none
 * @param provider the name of the provider they sign in with, such as {@code Facebook}
 * @param providerUserId their id at that provider
 * @param pictureUrl their picture's address, or null
 * @param createdAt their first sign-in, when the account was made
 * @param lastSignInAt their latest sign-in
 */
record AccountView(String nickname, String email, String provider, String providerUserId, String pictureUrl,
		Instant createdAt, Instant lastSignInAt) {

	private static final DateTimeFormatter READABLE = DateTimeFormatter
		.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	/**
	 * The view of a stored user.
	 * @param providerNames the display name of a provider id
	 */
	static AccountView of(User user, UnaryOperator<String> providerNames) {
		SocialId socialId = user.getSocialId();
		return new AccountView(user.getNickname(), user.getEmail(), providerNames.apply(socialId.provider()),
				socialId.providerUserId(), user.getPictureUrl(), user.getCreatedAt(), user.getLastSignInAt());
	}

	/** Such as "27 November 2026 at 06:44 UTC". */
	public String createdAtText() {
		return READABLE.format(this.createdAt);
	}

	public String lastSignInAtText() {
		return READABLE.format(this.lastSignInAt);
	}

	/** For the {@code datetime} attribute, such as "2026-11-27T06:44:20Z". */
	public String createdAtIso() {
		return this.createdAt.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	public String lastSignInAtIso() {
		return this.lastSignInAt.truncatedTo(ChronoUnit.SECONDS).toString();
	}

}
