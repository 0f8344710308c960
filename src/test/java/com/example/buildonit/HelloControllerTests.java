package com.example.buildonit;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.github.oauthsignin.SignInApplication;
import io.github.oauthsignin.person.SignInWebMvcTest;
import io.github.oauthsignin.person.SignedInUser;

import static io.github.oauthsignin.person.SignedInRequests.signedIn;
import static io.github.oauthsignin.support.SlicePages.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example page, {@link HelloController}, in a slice: signed in as a given person, or not at all. The example lives
 * outside the app's package, so the test names the app's configuration and imports the controller; in an application
 * whose {@code @SpringBootApplication} is in a package above its controllers,
 * {@code @SignInWebMvcTest(HelloController.class)} alone does it.
 */
@SignInWebMvcTest(HelloController.class)
@ContextConfiguration(classes = SignInApplication.class)
@Import(HelloController.class)
class HelloControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void helloWhenSignedInThenGreetsThePersonOfTheSession() {
		SignedInUser ada = new SignedInUser(41, "Ada Lovelace", "ada@example.com", null, "ada", "github", null);

		MvcTestResult hello = this.mvc.get().uri("/example/hello").with(signedIn(ada)).exchange();

		assertThat(hello).hasStatusOk();
		Document page = page(hello);
		assertThat(page.select("h1.greeting").text()).isEqualTo("Hello, Ada Lovelace!");
		assertThat(page.select(".me-id").text()).isEqualTo("41");
		assertThat(page.select(".me-email").text()).isEqualTo("ada@example.com");
		assertThat(page.select(".me-way-in").text()).isEqualTo("github");
		assertThat(page.select(".topbar-name").text()).as("the app's layout, signed in").isEqualTo("Ada Lovelace");
	}

	@Test
	void helloWhenVisitorThenSentToSignInAndBack() {
		assertThat(this.mvc.get().uri("/example/hello")).hasRedirectedUrl("/?next=/example/hello");
	}

}
