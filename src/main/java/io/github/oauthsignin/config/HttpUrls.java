package io.github.oauthsignin.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks of configured endpoint URLs. */
public final class Urls {

	private Urls() {
	}

	/** The value as a URI when it is an absolute http or https URL with a host, otherwise null. */
	public static URI parseWebUrl(String value) {
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

}
