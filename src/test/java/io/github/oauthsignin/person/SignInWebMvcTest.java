package io.github.oauthsignin.person;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

import io.github.oauthsignin.security.SecuritySlice;
import io.github.oauthsignin.signin.SignInSlice;
import io.github.oauthsignin.web.WebSlice;

/**
 * A {@code @WebMvcTest} of one controller, with the app's real filter chain in front of it: its access rules
 * ({@code /account/**} only for signed-in people), CSRF tokens for signed-in browsers, the check that refuses forms of
 * other sites, the check that a session belongs to this database and account, the headers; and the app's pages:
 * messages in the FLASH cookie, the layout, English and German. Nothing touches a database and no provider is called:
 * declare what the controller needs with {@code @MockitoBean}, and {@code SignInProvider} beans for providers.
 * <p>
 * Sign a request in with {@link SignedInRequests#signedIn(SignedInUser)}:
 * <pre>{@code
 * @SignInWebMvcTest(AccountController.class)
 * class AccountControllerTests {
 *
 *     @Autowired
 *     MockMvcTester mvc;
 *
 *     @Test
 *     void accountWhenSignedInThenShown() {
 *         assertThat(mvc.get().uri("/account").with(signedIn(ada))).hasStatusOk();
 *     }
 *
 * }
 * }</pre>
 * A POST of a signed-in browser needs Spring Security Test's {@code csrf()} after {@code signedIn(…)}, as a form of the
 * app's pages carries the session's token. Examples: every {@code *ControllerTests} under src/test, and
 * docs/BUILD-ON-IT.md.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@WebMvcTest
@Import({ SecuritySlice.class, WebSlice.class, SignInSlice.class })
public @interface SignInWebMvcTest {

	/** The controllers to test (all {@code @Controller}s when none is named). */
	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value() default {};

	/** Properties to add to the environment, {@code key=value}. */
	@AliasFor(annotation = WebMvcTest.class, attribute = "properties")
	String[] properties() default {};

}
