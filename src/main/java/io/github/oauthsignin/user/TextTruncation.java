package io.github.oauthsignin.user;

/** Shortens text to a column's width without splitting a character. */
public final class TextTruncation {

	private TextTruncation() {
	}

	/**
	 * The text, cut to at most {@code maxLength} UTF-16 units (what both H2 and PostgreSQL column widths allow
	 * at least) and never between the two halves of a surrogate pair such as an emoji.
	 */
	public static String truncate(String text, int maxLength) {
		if (text.length() <= maxLength) {
			return text;
		}
		int end = maxLength;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end).strip();
	}

}
