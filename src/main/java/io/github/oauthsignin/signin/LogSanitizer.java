package io.github.oauthsignin.signin;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.UnknownContentTypeException;

/**
 * Makes text about a provider's answer safe and useful in one log line: our own words about what happened, never
 * a byte of what the provider sent (an answer's body may hold a token or a person's details).
 */
public final class LogSanitizer {

	private static final int MAX_LENGTH = 300;

	/** A JSON Web Token (an ID token, say): base64url JSON header, payload and signature. */
	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*)?");

	/** An OAuth 2 error code as RFC 6749 (section 5.2) allows it, of a sensible length. */
	private static final Pattern ERROR_CODE = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");

	private LogSanitizer() {
	}

	/**
	 * What went wrong in a call to a provider, in our words: a time-out, a refused connection, an answer over the
	 * size limit, an error status by its code alone, an OAuth error answer by its error code alone, an answer that
	 * could not be read; anything else by the kind of failure. Never the exception's message where it may quote the
	 * answer (Spring puts an error answer's body, and Jackson a piece of a malformed one, in theirs).
	 */
	public static String describe(Throwable failure) {
		// What happened on the wire first, wherever it sits in the chain (Jackson and Spring wrap it).
		for (Throwable cause : chain(failure)) {
			String transport = transport(cause);
			if (transport != null) {
				return transport;
			}
		}
		OAuth2AuthorizationException oauthError = null;
		Throwable root = failure;
		for (Throwable cause : chain(failure)) {
			root = cause;
			if (cause instanceof UnknownContentTypeException unknown) {
				return "an answer of an unexpected type (" + oneLine(String.valueOf(unknown.getContentType())) + ")";
			}
			if (cause instanceof HttpMessageNotReadableException) {
				return "an answer that could not be read";
			}
			if (cause instanceof OAuth2AuthorizationException error) {
				oauthError = error;
			}
		}
		if (oauthError != null) {
			return "error " + errorCode(oauthError.getError().getErrorCode());
		}
		// The JDK's own transport failures ("Connection reset") say nothing of the answer; anything else is named only.
		boolean jdkTransport = root.getClass().getName().startsWith("java.net.")
				|| root.getClass().getName().startsWith("java.io.");
		return "failed (" + root.getClass().getSimpleName()
				+ ((jdkTransport && root.getMessage() != null) ? ": " + oneLine(root.getMessage()) : "") + ")";
	}

	private static String transport(Throwable cause) {
		if (cause instanceof ProviderAnswerTooLargeException) {
			return cause.getMessage();
		}
		if (cause instanceof RestClientResponseException response) {
			return "answered " + response.getStatusCode().value();
		}
		if (cause instanceof HttpConnectTimeoutException) {
			return "no connection within the connect timeout";
		}
		if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
			return "no whole answer within the read timeout (spring.http.clients.read-timeout)";
		}
		if (cause instanceof ConnectException) {
			return "connection refused";
		}
		if (cause instanceof UnknownHostException) {
			return "unknown host";
		}
		return null;
	}

	private static List<Throwable> chain(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !chain.contains(cause) && chain.size() < 20;
				cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

	/** An OAuth 2 error code, as sent when it is one, otherwise words saying it was not. */
	public static String errorCode(String code) {
		return (code != null && ERROR_CODE.matcher(code).matches()) ? code : "that is no OAuth error code";
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
