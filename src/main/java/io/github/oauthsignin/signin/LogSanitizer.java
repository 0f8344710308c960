package io.github.oauthsignin.signin;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.regex.Pattern;

import org.springframework.web.client.RestClientResponseException;

/** Makes text about a provider's answer safe and useful in one log line. */
public final class LogSanitizer {

	private static final int MAX_LENGTH = 300;

	/** A JSON Web Token (an ID token, say): base64url JSON header, payload and signature. */
	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*)?");

	private LogSanitizer() {
	}

	/**
	 * What went wrong in a call to a provider, in words: a time-out or a refused connection is named as such (the
	 * HTTP client's own message for them is empty), an error status by its code alone (the body, which Spring puts
	 * in the message, could hold anything), anything else keeps its message.
	 */
	public static String describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RestClientResponseException response) {
				return "answered " + response.getStatusCode().value();
			}
			if (cause instanceof HttpConnectTimeoutException) {
				return "no connection within the connect timeout";
			}
			if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
				return "no answer within the read timeout";
			}
			if (cause instanceof ConnectException) {
				return "connection refused";
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return failure.getMessage();
	}

	/**
	 * The text on one line (no line breaks or control characters to forge log entries with), shortened, with any
	 * JSON Web Token in it (an ID token quoted in an error, say) replaced by {@code <token>}.
	 */
	public static String oneLine(String text) {
		if (text == null) {
			return "";
		}
		String flat = JWT.matcher(text).replaceAll("<token>").replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
		return (flat.length() > MAX_LENGTH) ? flat.substring(0, MAX_LENGTH) + "…" : flat;
	}

}
