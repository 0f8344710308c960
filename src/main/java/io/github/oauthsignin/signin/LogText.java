package io.github.oauthsignin.signin;

/** Makes text from a provider safe to put in one log line. */
public final class LogText {

	private static final int MAX_LENGTH = 300;

	private LogText() {
	}

	/** The text on one line (no line breaks or control characters to forge log entries with), shortened. */
	public static String oneLine(String text) {
		if (text == null) {
			return "";
		}
		String flat = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
		return (flat.length() > MAX_LENGTH) ? flat.substring(0, MAX_LENGTH) + "…" : flat;
	}

}
