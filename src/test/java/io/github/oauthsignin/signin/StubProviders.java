package io.github.oauthsignin.signin;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Two configured providers for a {@code @WebMvcTest} slice, neither with a preset (their buttons come in name order):
 * GitHub ({@code github}) and Acme ID ({@code acme}), both answering their callbacks with a cancel.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StubProviders {

	@Bean
	SignInProvider github() {
		return new StubSignInProvider("github", "GitHub");
	}

	@Bean
	SignInProvider acme() {
		return new StubSignInProvider("acme", "Acme ID");
	}

}
