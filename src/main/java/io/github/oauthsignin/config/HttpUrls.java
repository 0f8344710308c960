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
