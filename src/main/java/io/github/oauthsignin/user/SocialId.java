package io.github.oauthsignin.user;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a person is at one provider: the provider's id (the registration id, such as {@code facebook}) and the
 * person's id there, the two columns of an {@link Identity} ({@code identities.provider} and
 * {@code provider_user_id}, 15 and 48 characters wide). Written {@code provider$id}
 * ({@code facebook$10150000000000001}, {@code twitter$1456…}) in logs and tests; this type is the only place that
 * writes or reads that form.
 * <p>
 * The id is the provider's stable key for the person (Facebook's {@code id}, X's {@code id}, an OIDC {@code sub}),
 * never a name or an email address, which people can change or reuse.
 * @param provider the provider's id: lower-case letters, digits, {@code -} and {@code _}, such as {@code github}
 * @param providerUserId the person's id at that provider: letters, digits, {@code _ . -} and {@code |} (which some
 * OIDC providers use, such as Auth0's {@code google-oauth2|123}), at most 48 characters
 */
public record SocialId(String provider, String providerUserId) {

	private static final char SEPARATOR = '$';

	private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,14}");

	private static final Pattern PROVIDER_USER_ID = Pattern.compile("[A-Za-z0-9_.|-]{1,48}");

	/**
	 * @throws IllegalArgumentException when the provider is not an id, or the person's id is missing, too long or
	 * holds characters an id never has
	 */
	public SocialId {
		Objects.requireNonNull(provider, "provider");
		if (!PROVIDER.matcher(provider).matches()) {
			throw new IllegalArgumentException("not a provider id: '" + provider + "'");
		}
		if (providerUserId == null || providerUserId.isEmpty()) {
			throw new IllegalArgumentException("the profile has no id");
		}
		if (!PROVIDER_USER_ID.matcher(providerUserId).matches()) {
			throw new IllegalArgumentException("the profile id is not an id");
		}
	}

	/** Reads {@code provider$id}; empty when the text is not in that form. */
	public static Optional<SocialId> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		int separator = text.indexOf(SEPARATOR);
		if (separator <= 0) {
			return Optional.empty();
		}
		try {
			return Optional.of(new SocialId(text.substring(0, separator), text.substring(separator + 1)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** {@code provider$id}, as stored. */
	@Override
	public String toString() {
		return this.provider + SEPARATOR + this.providerUserId;
	}

}
