package io.github.oauthsignin.signin;

import java.io.IOException;

/**
 * A provider's answer was larger than {@code signin.http.max-answer-size}: reading stopped there, and the rest was
 * never fetched. The message names the limit, never a byte of the answer.
 */
public final class ProviderAnswerTooLargeException extends IOException {

	private static final long serialVersionUID = 1L;

	ProviderAnswerTooLargeException(long limit) {
		super("an answer larger than the limit of " + limit + " bytes (signin.http.max-answer-size)");
	}

}
