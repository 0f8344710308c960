package io.github.oauthsignin.web;

import java.util.List;
import java.util.Map;

/**
 * A short, coarse name for the browser behind a {@code User-Agent} header, such as "Firefox on Linux": enough for
 * a person to tell their own sign-ins from someone else's, never the full header (which fingerprints them). Order
 * matters: Edge and Opera also say "Chrome", Chrome also says "Safari", Android also says "Linux".
 */
public final class BrowserFamily {

	private static final List<Map.Entry<String, String>> BROWSERS = List.of(Map.entry("Edg", "Edge"),
			Map.entry("OPR/", "Opera"), Map.entry("Firefox/", "Firefox"), Map.entry("FxiOS/", "Firefox"),
			Map.entry("CriOS/", "Chrome"), Map.entry("Chrome/", "Chrome"), Map.entry("Chromium/", "Chrome"),
			Map.entry("Safari/", "Safari"));

	private static final List<Map.Entry<String, String>> SYSTEMS = List.of(Map.entry("Windows", "Windows"),
			Map.entry("Android", "Android"), Map.entry("iPhone", "iOS"), Map.entry("iPad", "iOS"),
			Map.entry("CrOS", "ChromeOS"), Map.entry("Mac OS X", "macOS"), Map.entry("Macintosh", "macOS"),
			Map.entry("Linux", "Linux"));

	/** What a request without a recognisable browser is called. */
	public static final String OTHER = "Other";

	private BrowserFamily() {
	}

	/** "Firefox on Linux", "Safari on iOS", "Chrome", or {@link #OTHER}. */
	public static String of(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return OTHER;
		}
		String browser = first(BROWSERS, userAgent);
		String system = first(SYSTEMS, userAgent);
		if (browser == null) {
			return OTHER;
		}
		return (system != null) ? browser + " on " + system : browser;
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
