package io.github.oauthsignin.account;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.user.ClientAddresses;
import io.github.oauthsignin.user.Identity;
import io.github.oauthsignin.user.PastSignIn;
import io.github.oauthsignin.user.ProfileDetails;
import io.github.oauthsignin.user.User;
import io.github.oauthsignin.web.Initials;

/**
 * Everything the app keeps about a person, as the account page shows it: the account, with the name, email and
 * picture of the identity it was signed in with last, and one row per sign-in method. Dates are in UTC and say
 * so: without JavaScript the page cannot know the reader's time zone.
 * @param nickname the name we greet them with
 * @param username their handle at that provider, without an {@code @}, or null
 * @param email their email address, or null when the provider shared none
 * @param pictureUrl their picture's address, or null
 * @param createdAt their first sign-in, when the account was made
 * @param lastSignInAt their latest sign-in
 * @param methods the configured providers, connected or not, then any other provider still connected
 * @param history the latest sign-ins, newest first
 * @param readable how the reader's language writes a date and time
 */
record AccountView(String nickname, String username, String email, String pictureUrl, Instant createdAt,
		Instant lastSignInAt, List<Method> methods, List<HistoryRow> history, DateTimeFormatter readable) {

	/**
	 * The view of a stored account.
	 * @param identities its identities
	 * @param otherWaysIn how many other ways into it there are (passkeys)
	 * @param history its latest sign-ins, newest first
	 * @param configured the configured providers, in button order
	 * @param providerNames the display name of any provider id (a provider that is no longer configured, too)
	 * @param readable how the reader's language writes a date and time
	 */
	static AccountView of(User user, List<Identity> identities, int otherWaysIn, List<PastSignIn> history,
			Collection<SignInProvider> configured, Function<String, String> providerNames, DateTimeFormatter readable) {
		Map<String, Identity> byProvider = identities.stream()
			.collect(Collectors.toMap(Identity::getProvider, Function.identity()));
		boolean canDisconnect = identities.size() + otherWaysIn > 1;
		List<Method> methods = new ArrayList<>();
		for (SignInProvider provider : configured) {
			methods.add(new Method(provider.id(), provider.displayName(),
					Optional.ofNullable(byProvider.remove(provider.id())), canDisconnect));
		}
		byProvider.values()
			.forEach((identity) -> methods.add(new Method(identity.getProvider(),
					providerNames.apply(identity.getProvider()), Optional.of(identity), canDisconnect)));
		List<HistoryRow> rows = history.stream()
			.map((signIn) -> new HistoryRow(providerNames.apply(signIn.getProvider()),
					readable.format(signIn.getSignedInAt()), iso(signIn.getSignedInAt()),
					ClientAddresses.compressed(signIn.getClientAddress()), signIn.getBrowser(), signIn.getSystem(),
					signIn.getKind() == PastSignIn.Kind.STOLEN_REMEMBER_ME))
			.toList();
		return new AccountView(user.getNickname(), user.getUsername(), user.getEmail(), user.getPictureUrl(),
				user.getCreatedAt(), user.getLastSignInAt(), methods, rows, readable);
	}

	/** What to show instead of a picture: their initials. */
	public String initials() {
		return Initials.of(this.nickname);
	}

	/** Such as "27 November 2026 at 06:44 UTC". */
	public String createdAtText() {
		return this.readable.format(this.createdAt);
	}

	public String lastSignInAtText() {
		return this.readable.format(this.lastSignInAt);
	}

	/** For the {@code datetime} attribute, such as "2026-11-27T06:44:20Z". */
	public String createdAtIso() {
		return iso(this.createdAt);
	}

	public String lastSignInAtIso() {
		return iso(this.lastSignInAt);
	}

	/** Such as "2026-11-27T06:44:20Z", or null for null. */
	static String iso(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS).toString() : null;
	}

	/**
	 * One past sign-in, as the history lists it.
	 * @param providerName the provider it went through
	 * @param whenText such as "27 November 2026 at 06:44 UTC"
	 * @param whenIso for the {@code datetime} attribute
	 * @param clientAddress the client's address as the trusted proxy reported it, or null
	 * @param browser the browser's name, such as Firefox, or null
	 * @param system the operating system's name, such as Linux, or null
	 * @param stolen whether this was no sign-in but a "Keep me signed in" token used twice, when every session
	 * ended
	 */
	record HistoryRow(String providerName, String whenText, String whenIso, String clientAddress, String browser,
			String system, boolean stolen) {
	}

	/**
	 * One way to sign in to the account.
	 * @param providerId the provider's id, as in {@code /account/connect/{provider}}
	 * @param providerName its name
	 * @param identity the person there, when connected
	 * @param canDisconnect whether it may be disconnected: not the account's only way in
	 */
	record Method(String providerId, String providerName, Optional<Identity> identity, boolean canDisconnect) {

		public boolean connected() {
			return this.identity.isPresent();
		}

		/** Such as "Ada Lovelace (@ada), ada@example.com". */
		public String identityText() {
			return this.identity.map((connected) -> {
				ProfileDetails details = connected.getDetails();
				return details.name() + ((details.username() != null) ? " (@" + details.username() + ")" : "")
						+ ((details.email() != null) ? ", " + details.email() : "");
			}).orElse("");
		}

		/** The person's id at the provider. */
		public String providerUserId() {
			return this.identity.map((connected) -> connected.getSocialId().providerUserId()).orElse("");
		}

	}

}
