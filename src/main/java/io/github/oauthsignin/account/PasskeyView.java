package io.github.oauthsignin.account;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.security.web.webauthn.api.CredentialRecord;

/**
 * One passkey of the account, as the account page lists it.
 * @param id its credential id (base64url), as in {@code /account/passkeys/{id}/remove}
 * @param label the name the person gave it
 * @param createdText when it was added, such as "27 November 2026 at 06:44 UTC"
 * @param createdIso the same, for the {@code datetime} attribute
 * @param lastUsedText when it last signed in, or null when never
 * @param lastUsedIso the same, for the {@code datetime} attribute, or null
 * @param canRemove whether it may be removed: not the account's only way in
 */
record PasskeyView(String id, String label, String createdText, String createdIso, String lastUsedText,
		String lastUsedIso, boolean canRemove) {

	static List<PasskeyView> of(List<CredentialRecord> passkeys, int identities, DateTimeFormatter readable) {
		boolean canRemove = identities + passkeys.size() > 1;
		return passkeys.stream().map((passkey) -> {
			Instant lastUsed = usedSince(passkey);
			return new PasskeyView(passkey.getCredentialId().toBase64UrlString(), passkey.getLabel(),
					text(passkey.getCreated(), readable), AccountView.iso(passkey.getCreated()),
					text(lastUsed, readable), AccountView.iso(lastUsed), canRemove);
		}).toList();
	}

	/** When it last signed in, or null when never: Spring Security records its making as its first use. */
	private static Instant usedSince(CredentialRecord passkey) {
		Instant lastUsed = passkey.getLastUsed();
		boolean used = lastUsed != null && (passkey.getCreated() == null || lastUsed.isAfter(passkey.getCreated()));
		return used ? lastUsed : null;
	}

	private static String text(Instant instant, DateTimeFormatter readable) {
		return (instant != null) ? readable.format(instant) : null;
	}

}
