package io.github.oauthsignin.web;

import java.util.Locale;

/**
 * The initials a person without a picture is shown with, in a neutral round badge the app draws with CSS alone:
 * the first letter or digit of the first two words of their name ("Ada Lovelace" → "AL", "ada_lovelace" → "A",
 * "张伟" → "张"), or "?" when the name has none.
 */
public final class Initials {

	private Initials() {
	}

	public static String of(String name) {
		if (name == null) {
			return "?";
		}
		StringBuilder initials = new StringBuilder();
		boolean inWord = false;
		for (int i = 0; i < name.length() && initials.codePointCount(0, initials.length()) < 2;) {
			int codePoint = name.codePointAt(i);
			boolean letterOrDigit = Character.isLetterOrDigit(codePoint);
			if (letterOrDigit && !inWord) {
				initials.appendCodePoint(codePoint);
			}
			inWord = letterOrDigit;
			i += Character.charCount(codePoint);
		}
		return initials.isEmpty() ? "?" : initials.toString().toUpperCase(Locale.ROOT);
	}

}
