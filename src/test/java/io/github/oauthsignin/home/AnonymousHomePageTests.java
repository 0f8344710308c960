package io.github.oauthsignin.home;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.github.oauthsignin.support.SignInFlowTestSupport;
import io.github.oauthsignin.support.TestBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page of a visitor who is not signed in, without a message or a page to return to: the same bytes for
 * everyone in one language, from memory, with an ETag a browser revalidates every time; never shown to someone
 * signed in. With a message or {@code next} it is made for the request.
 */
class AnonymousHomePageTests extends SignInFlowTestSupport {

	@Test
	void homeWhenTwoVisitorsAskThenSameBytesWithAnETagRevalidatedEveryTimeAndNoCookie() {
		HttpResponse<String> first = browser().get("/");
		HttpResponse<String> second = browser().get("/");
		assertThat(second.body()).isEqualTo(first.body()).contains("Sign in with Facebook");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(second.headers().firstValue("ETag")).contains(etag);
		assertThat(first.headers().firstValue("Cache-Control")).contains("private, no-cache");
		assertThat(first.headers().firstValue("Vary").orElseThrow()).contains("Accept-Language").contains("Cookie");
		assertThat(first.headers().firstValue("Content-Type").orElseThrow()).containsIgnoringCase("text/html")
			.containsIgnoringCase("UTF-8");
		assertThat(first.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(first.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(first.body()).doesNotContain("_csrf");
	}

	@Test
	void homeWhenBrowserHasThePageThen304WithoutBody() {
		String etag = browser().get("/").headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> revalidated = browser().alwaysSend("If-None-Match", etag).get("/");
		assertThat(revalidated.statusCode()).isEqualTo(304);
		assertThat(revalidated.body()).isEmpty();
		assertThat(revalidated.headers().firstValue("ETag")).contains(etag);
		assertThat(revalidated.headers().firstValue("Cache-Control")).contains("private, no-cache");
		assertThat(revalidated.headers().firstValue("Vary").orElseThrow()).contains("Cookie");
		HttpResponse<String> stale = browser().alwaysSend("If-None-Match", "\"another\"").get("/");
		assertThat(stale.statusCode()).isEqualTo(200);
	}

	@Test
	void homeWhenGermanThenItsOwnBytesAndETag() {
		HttpResponse<String> english = browser().get("/");
		HttpResponse<String> german = browser().alwaysSend("Accept-Language", "de-DE,de;q=0.9").get("/");
		assertThat(german.body()).contains("lang=\"de\"").contains("Mit Facebook anmelden");
		assertThat(german.headers().firstValue("ETag")).isPresent()
			.isNotEqualTo(english.headers().firstValue("ETag"));
		HttpResponse<String> englishEtagInGerman = browser().alwaysSend("Accept-Language", "de")
			.alwaysSend("If-None-Match", english.headers().firstValue("ETag").orElseThrow())
			.get("/");
		assertThat(englishEtagInGerman.statusCode()).isEqualTo(200);
		assertThat(englishEtagInGerman.body()).isEqualTo(german.body());
	}

	@Test
	void homeWhenSignedInThenTheirOwnPageEvenWithTheVisitorsETag() {
		String etag = browser().get("/").headers().firstValue("ETag").orElseThrow();
		TestBrowser browser = browser();
		signInAs(browser, person("7401", "Etag Edna", null), false);
		browser.alwaysSend("If-None-Match", etag);
		HttpResponse<String> home = browser.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("Hi, Etag Edna!").doesNotContain("Sign in with Facebook");
		assertThat(home.headers().firstValue("ETag")).isEmpty();
		assertThat(home.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
	}

	@Test
	void homeWhenAMessageOrAPageToReturnToThenMadeForThisRequest() {
		TestBrowser browser = browser();
		facebook.denyNext();
		TestBrowser.Page cancelled = signIn(browser, "Facebook");
		assertThat(cancelled.message()).contains("You cancelled signing in with Facebook.");
		assertThat(cancelled.response().headers().firstValue("ETag")).isEmpty();
		assertThat(cancelled.response().headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
		TestBrowser.Page again = browser.open("/");
		assertThat(again.message()).as("shown once").isEmpty();
		assertThat(again.response().headers().firstValue("ETag")).isPresent();

		TestBrowser.Page returning = browser().open("/?next=/account");
		assertThat(returning.document().select("input[name=next]").val()).isEqualTo("/account");
		assertThat(returning.response().headers().firstValue("ETag")).isEmpty();
		assertThat(browser().open("/?next=//evil.example").response().headers().firstValue("ETag"))
			.as("an unsafe next is no next").isPresent();
	}

}
