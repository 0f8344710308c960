package io.github.oauthsignin.account;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

import io.github.oauthsignin.tokens.KeptTokens;

/**
 * One provider whose tokens are kept for the person, as the account page's privacy card shows it.
 * @param providerId the provider's id, as in {@code /account/forget/{provider}}
 * @param providerName its name
 * @param scopes what the tokens allow, as the provider names its scopes, such as {@code read:user, user:email}; empty
 * when the provider has no scopes (X over OAuth 1.0a: the app's permissions there)
 * @param sinceText since when, such as "27 November 2026 at 06:44 UTC"
 */
record KeptAccessView(String providerId, String providerName, String scopes, String sinceText) {

	static List<KeptAccessView> of(List<KeptTokens.Kept> kept, Function<String, String> providerNames,
			DateTimeFormatter readable) {
		return kept.stream()
			.map((entry) -> new KeptAccessView(entry.providerId(), providerNames.apply(entry.providerId()),
					String.join(", ", entry.scopes()), readable.format(entry.since())))
			.toList();
	}

}
