package io.github.oauthsignin.web;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The initials a person without a picture is shown with, in a neutral round badge the app draws with CSS alone:
 * the first letter or digit of each of the first two words of their name that have one, words being what spaces
 * separate ("Ada Lovelace" → "AL", "ada_lovelace" → "A", "Jean-Luc Picard" → "JP", "张伟" → "张"), or "?" when the
 * name has none. Anything that looks like a markup tag is no word ("Zoë &lt;b&gt;O'Brien&lt;/b&gt; 🚀" → "ZO"): a
 * name shown as text must not be read as markup here either.
 */
public final class Initials {

	/** What looks like an HTML tag: {@code <b>}, {@code </b>}, {@code <br/>}, {@code <a href="…">}. */
	private static final Pattern TAG = Pattern.compile("</?[A-Za-z][^<>]*>");

	private Initials() {
	}

	public static String of(String name) {
		if (name == null) {
			return "?";
		}
		StringBuilder initials = new StringBuilder();
		for (String word : TAG.matcher(name).replaceAll(" ").strip().split("\\s+")) {
			if (initials.codePointCount(0, initials.length()) == 2) {
				break;
			}
			word.codePoints().filter(Character::isLetterOrDigit).findFirst().ifPresent(initials::appendCodePoint);
		}
		return initials.isEmpty() ? "?" : initials.toString().toUpperCase(Locale.ROOT);
	}

}
