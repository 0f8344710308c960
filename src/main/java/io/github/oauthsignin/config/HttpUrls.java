package io.github.oauthsignin.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Reads configured endpoint addresses, which must be absolute http or https URLs. */
public final class HttpUrls {

	private HttpUrls() {
	}

	/** The value as a URI when it is an absolute http or https URL with a host, otherwise null. */
	public static URI parseAbsolute(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			URI uri = new URI(value);
			boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
			return (web && uri.getHost() != null) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * The origin of an absolute http(s) URL as a Content-Security-Policy source, {@code scheme://host[:port]} (the
	 * port only when the URL names one), or null when the value is not such a URL.
	 */
	public static String origin(String value) {
		URI uri = parseAbsolute(value);
		if (uri == null) {
			return null;
		}
		return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT)
				+ ((uri.getPort() >= 0) ? ":" + uri.getPort() : "");
	}

	/**
	 * Checks a setting that must be an absolute http(s) URL.
	 * @param setting the property's name, for the message
	 * @throws InvalidSettingException when it is not
	 */
	public static URI require(String setting, String value) {
		URI uri = parseAbsolute(value);
		if (uri == null) {
			throw new InvalidSettingException(setting, "is not an absolute http(s) URL: '" + value + "'");
		}
		return uri;
	}

}
