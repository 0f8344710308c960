package io.github.oauthsignin.web;

import jakarta.servlet.RequestDispatcher;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.github.oauthsignin.person.SignInWebMvcTest;

import static io.github.oauthsignin.support.SlicePages.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error pages: Spring Boot's {@code BasicErrorController} with the app's {@code error.html}, in the layout, saying
 * what happened in the reader's language and nothing of how (no exception, no message, no stack trace). MockMvc does
 * not forward to {@code /error} as the server does, so each test asks for it as the server's forward would.
 */
@SignInWebMvcTest(BasicErrorController.class)
class ErrorControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void errorWhenNothingAtTheAddressThenPageNotFound() {
		MvcTestResult error = forwardedError(404, null, "en");

		assertThat(error).hasStatus(404);
		Document page = page(error);
		assertThat(page.title()).isEqualTo("Page not found");
		assertThat(page.select("h1").text()).isEqualTo("Page not found");
		assertThat(page.select(".lead").text()).isEqualTo("There is nothing at this address.");
		assertThat(page.select("a.button").attr("href")).isEqualTo("/");
	}

	@Test
	void errorWhenTooManySignInsStartedThenSaysToWaitAMinute() {
		MvcTestResult error = forwardedError(429, null, "en");

		assertThat(error).hasStatus(429);
		assertThat(page(error).select("h1").text()).isEqualTo("Too many sign-in attempts");
	}

	@Test
	void errorWhenAnExceptionEscapedThenSomethingWentWrongAndNothingOfTheException() {
		MvcTestResult error = forwardedError(500,
				new IllegalStateException("jdbc:h2:file:./data/signin password=hunter2"), "en");

		assertThat(error).hasStatus(500);
		Document page = page(error);
		assertThat(page.select("h1").text()).isEqualTo("Something went wrong");
		assertThat(page.text()).doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("jdbc");
	}

	@Test
	void errorWhenGermanBrowserThenGermanPage() {
		assertThat(page(forwardedError(404, null, "de")).select("html").attr("lang")).isEqualTo("de");
	}

	/** {@code /error} as the server forwards to it after a failure with this status. */
	private MvcTestResult forwardedError(int status, Exception exception, String language) {
		MockMvcTester.MockMvcRequestBuilder request = this.mvc.get()
			.uri("/error")
			.header("Accept", "text/html")
			.header("Accept-Language", language)
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/no/such/page");
		if (exception != null) {
			request.requestAttr(RequestDispatcher.ERROR_EXCEPTION, exception)
				.requestAttr(RequestDispatcher.ERROR_MESSAGE, exception.getMessage());
		}
		return request.exchange();
	}

}
