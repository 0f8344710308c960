package io.github.oauthsignin.signin;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

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
			.isEqualTo("no answer within the read timeout");
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
	void describeWhenAnythingElseThenItsMessage() {
		assertThat(LogSanitizer.describe(new IllegalStateException("odd"))).isEqualTo("odd");
	}

}
