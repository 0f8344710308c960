package io.github.oauthsignin.web;

import java.util.List;
import java.util.Map;

/**
 * A short, coarse name for the browser behind a {@code User-Agent} header: the browser's and the operating system's
 * product names, such as Firefox and Linux, which pages put together in the reader's language ("Firefox on Linux").
 * Enough for a person to tell their own sign-ins from someone else's, never the whole header (which fingerprints
 * them). Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", Android also says "Linux".
 * @param browser the browser's name, or null when it is not recognised
 * @param system the operating system's name, or null when it is not recognised
 */
public record BrowserFamily(String browser, String system) {

	private static final List<Map.Entry<String, String>> BROWSERS = List.of(Map.entry("Edg", "Edge"),
			Map.entry("OPR/", "Opera"), Map.entry("Firefox/", "Firefox"), Map.entry("FxiOS/", "Firefox"),
			Map.entry("CriOS/", "Chrome"), Map.entry("Chrome/", "Chrome"), Map.entry("Chromium/", "Chrome"),
			Map.entry("Safari/", "Safari"));

	private static final List<Map.Entry<String, String>> SYSTEMS = List.of(Map.entry("Windows", "Windows"),
			Map.entry("Android", "Android"), Map.entry("iPhone", "iOS"), Map.entry("iPad", "iOS"),
			Map.entry("CrOS", "ChromeOS"), Map.entry("Mac OS X", "macOS"), Map.entry("Macintosh", "macOS"),
			Map.entry("Linux", "Linux"));

	/** The family of the browser that sent this header; both names null for a blank or unknown one. */
	public static BrowserFamily of(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return new BrowserFamily(null, null);
		}
		String browser = first(BROWSERS, userAgent);
		return new BrowserFamily(browser, (browser != null) ? first(SYSTEMS, userAgent) : null);
	}

	private static String first(List<Map.Entry<String, String>> names, String userAgent) {
		for (Map.Entry<String, String> name : names) {
			if (userAgent.contains(name.getKey())) {
				return name.getValue();
			}
		}
		return null;
	}

}
