package io.github.oauthsignin.home;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.github.oauthsignin.person.SignInWebMvcTest;
import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.signin.StubProviders;
import io.github.oauthsignin.support.SlicePages;

import static io.github.oauthsignin.person.SignedInRequests.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

/** The home page: buttons for a visitor, a greeting for a signed-in person. */
@SignInWebMvcTest(HomeController.class)
@Import({ AnonymousHomePage.class, StubProviders.class })
class HomeControllerTests {

	static final SignedInUser ADA = new SignedInUser(41, "Ada Lovelace", "ada@example.com",
			"https://pictures.example/ada.png", "ada", "github", null);

	@Autowired
	MockMvcTester mvc;

	@Test
	void homeWhenVisitorThenAButtonPerProviderAndNoSession() {
		MvcTestResult home = this.mvc.get().uri("/").exchange();

		assertThat(home).hasStatusOk();
		Document page = pageOf(home);
		assertThat(page.select("form.signin button").eachText()).as("no preset: by name")
			.containsExactly("Sign in with Acme ID", "Sign in with GitHub");
		assertThat(page.select("form.signin button").eachAttr("formaction")).containsExactly("/authorize/acme",
				"/authorize/github");
		assertThat(home.getRequest().getSession(false)).as("a visitor gets no session").isNull();
		assertThat(page.select(".setup")).as("no setup text while providers are configured").isEmpty();
		assertThat(page.text()).doesNotContain("_CLIENT_ID").doesNotContain("not configured");
		assertThat(home).headers().hasValue("Cache-Control", "private, no-cache");
	}

	@Test
	void homeWhenSignedInThenGreetingWithNameHandleAndPicture() {
		MvcTestResult home = this.mvc.get().uri("/").with(signedIn(ADA)).exchange();

		assertThat(home).hasStatusOk();
		Document page = pageOf(home);
		assertThat(page.select("h1.greeting").text()).isEqualTo("Hi, Ada Lovelace!");
		assertThat(page.select(".handle").text()).isEqualTo("@ada");
		assertThat(page.select("img.avatar").attr("src")).isEqualTo("https://pictures.example/ada.png");
		assertThat(page.select("form.signin")).isEmpty();
		assertThat(page.select("form[action=/logout]")).as("sign-out forms carry the session's CSRF token")
			.isNotEmpty()
			.allSatisfy((form) -> assertThat(form.select("input[name=_csrf]")).hasSize(1));
	}

	@Test
	void homeWhenSessionFromAnotherDatabaseThenSignedOutPage() {
		SignedInUser fromElsewhere = new SignedInUser(41, "Ada Lovelace", null, null, null, "github",
				new SignedInUser.Stamp("another-installation", 1));

		MvcTestResult home = this.mvc.get().uri("/").with(signedIn(fromElsewhere)).exchange();

		assertThat(home).hasStatusOk();
		assertThat(pageOf(home).select("h1.greeting")).isEmpty();
		assertThat(pageOf(home).select("form.signin button")).hasSize(2);
	}

	@Test
	void homeWhenSafeNextThenEveryButtonCarriesItAndUnsafeOneIsDropped() {
		assertThat(pageOf(this.mvc.get().uri("/?next=/account").exchange()).select("input[name=next]").attr("value"))
			.isEqualTo("/account");
		assertThat(pageOf(this.mvc.get().uri("/?next=https://evil.example/").exchange()).select("input[name=next]"))
			.isEmpty();
	}

	@Test
	void homeWhenGermanBrowserThenGermanButtons() {
		MvcTestResult home = this.mvc.get().uri("/").header("Accept-Language", "de-DE,de;q=0.9").exchange();

		assertThat(pageOf(home).select("form.signin button").eachText()).containsExactly("Mit Acme ID anmelden",
				"Mit GitHub anmelden");
	}

	private static Document pageOf(MvcTestResult result) {
		return SlicePages.page(result);
	}

}
