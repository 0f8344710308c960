package io.github.oauthsignin.user;

/**
 * Removes what a reader cannot see from a name a provider gave: control characters, format characters (zero-width
 * spaces, joiners and non-joiners, the byte order mark, soft hyphens, bidirectional embeddings, overrides, isolates
 * and marks, tag characters), lone surrogates, line and paragraph separators, and the Hangul fillers that render
 * as nothing. With them a name could pass for another one ("admin" with a zero-width space), or turn the text after
 * it around (a right-to-left override). Two are kept where a script needs them: the zero-width joiner between two
 * emoji (👩‍💻 is one picture), and the zero-width non-joiner inside a word of a script that spells with it (Persian,
 * the Indic scripts), never in Latin, Greek or Cyrillic.
 */
public final class InvisibleCharacters {

	private InvisibleCharacters() {
	}

	/** The text without its invisible characters; null stays null. */
	public static String remove(String text) {
		if (text == null) {
			return null;
		}
		int[] codePoints = text.codePoints().toArray();
		StringBuilder kept = new StringBuilder(text.length());
		for (int i = 0; i < codePoints.length; i++) {
			int previous = (i > 0) ? codePoints[i - 1] : -1;
			int next = (i + 1 < codePoints.length) ? codePoints[i + 1] : -1;
			if (!isInvisible(codePoints[i], previous, next)) {
				kept.appendCodePoint(codePoints[i]);
			}
		}
		return kept.toString();
	}

	private static boolean isInvisible(int codePoint, int previous, int next) {
		if (codePoint == 0x200D) {
			return !(isPictograph(previous) && isPictograph(next));
		}
		if (codePoint == 0x200C) {
			return !joinsLettersOfAScriptThatNeedsIt(previous, next);
		}
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
					Character.PARAGRAPH_SEPARATOR -> true;
			default -> codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0
					|| codePoint == 0x034F;
		};
	}

	/**
	 * Whether a non-joiner stands inside a word of a script whose spelling uses it (Arabic script, the Indic
	 * scripts…): between two letters or marks of that same script. Latin, Greek and Cyrillic never need one.
	 */
	private static boolean joinsLettersOfAScriptThatNeedsIt(int previous, int next) {
		if (previous < 0 || next < 0 || !isLetterOrMark(previous) || !isLetterOrMark(next)) {
			return false;
		}
		Character.UnicodeScript script = Character.UnicodeScript.of(previous);
		return script == Character.UnicodeScript.of(next) && script != Character.UnicodeScript.LATIN
				&& script != Character.UnicodeScript.GREEK && script != Character.UnicodeScript.CYRILLIC
				&& script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED;
	}

	private static boolean isLetterOrMark(int codePoint) {
		int type = Character.getType(codePoint);
		return Character.isLetter(codePoint) || type == Character.NON_SPACING_MARK
				|| type == Character.COMBINING_SPACING_MARK;
	}

	/** An emoji or a part of one: a symbol, the emoji presentation selector, a skin tone. */
	private static boolean isPictograph(int codePoint) {
		return codePoint >= 0 && (Character.getType(codePoint) == Character.OTHER_SYMBOL || codePoint == 0xFE0F
				|| (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF));
	}

}
