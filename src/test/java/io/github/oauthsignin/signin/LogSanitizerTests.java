package io.github.oauthsignin.signin;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;

class LogSanitizerTests {

	@Test
	void oneLineWhenLineBreaksAndControlCharactersThenFlattened() {
		assertThat(LogSanitizer.oneLine("first\nFAKE LOG LINE\r\n\tend\u2028x")).isEqualTo("first FAKE LOG LINE end x");
	}

	@Test
	void oneLineWhenLongThenShortened() {
		assertThat(LogSanitizer.oneLine("x".repeat(1000))).hasSize(301).endsWith("…");
	}

	@Test
	void describeWhenReadTimeoutThenSaysSo() {
		assertThat(LogSanitizer.describe(new ResourceAccessException("I/O error", new HttpTimeoutException(null))))
			.isEqualTo("no whole answer within the read timeout (spring.http.clients.read-timeout)");
	}

	@Test
	void describeWhenConnectTimeoutThenSaysSo() {
		assertThat(LogSanitizer.describe(new ResourceAccessException("I/O error", new HttpConnectTimeoutException(null))))
			.isEqualTo("no connection within the connect timeout");
	}

	@Test
	void describeWhenConnectionRefusedThenSaysSo() {
		assertThat(LogSanitizer.describe(new ResourceAccessException("I/O error", new ConnectException())))
			.isEqualTo("connection refused");
	}

	@Test
	void describeWhenErrorStatusThenCodeWithoutTheBody() {
		HttpServerErrorException error = HttpServerErrorException.create(HttpStatus.BAD_GATEWAY, "Bad Gateway",
				HttpHeaders.EMPTY, "access_token=secret-in-a-body".getBytes(StandardCharsets.UTF_8),
				StandardCharsets.UTF_8);
		assertThat(LogSanitizer.describe(error)).isEqualTo("answered 502");
	}

	@Test
	void describeWhenAnswerUnreadableThenNeverTheBodyJacksonQuotes() {
		HttpMessageNotReadableException unreadable = new HttpMessageNotReadableException(
				"JSON parse error: Unrecognized token 'access_token_secret_in_a_body'", null,
				new MockClientHttpResponse(new byte[0], HttpStatus.OK));
		assertThat(LogSanitizer.describe(new RestClientException("Error while extracting response", unreadable)))
			.isEqualTo("an answer that could not be read");
	}

	@Test
	void describeWhenTooLargeDeepInTheChainThenTheLimit() {
		Exception wrapped = new RestClientException("x",
				new HttpMessageNotReadableException("y", new IllegalStateException("z",
						new ProviderAnswerTooLargeException(1024)), new MockClientHttpResponse(new byte[0], HttpStatus.OK)));
		assertThat(LogSanitizer.describe(wrapped))
			.isEqualTo("an answer larger than the limit of 1024 bytes (signin.http.max-answer-size)");
	}

	@Test
	void describeWhenOAuthErrorAnswerThenItsCodeOnlyNeverItsDescription() {
		OAuth2AuthorizationException error = new OAuth2AuthorizationException(
				new OAuth2Error("invalid_grant", "code abc123 was already used by jane@example.com", null));
		assertThat(LogSanitizer.describe(error)).isEqualTo("error invalid_grant");
		assertThat(LogSanitizer.errorCode("bad\"code\nforged")).isEqualTo("that is no OAuth error code");
	}

	@Test
	void describeWhenAnythingElseThenItsKindNeverItsMessage() {
		assertThat(LogSanitizer.describe(new IllegalStateException("odd secret"))).isEqualTo("failed (IllegalStateException)");
		assertThat(LogSanitizer.describe(new ResourceAccessException("I/O", new java.io.IOException("closed"))))
			.isEqualTo("failed (IOException: closed)");
	}

}
