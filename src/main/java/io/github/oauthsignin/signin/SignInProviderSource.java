package io.github.oauthsignin.signin;

import java.util.List;

/**
 * Contributes sign-in providers that are made from configuration rather than declared one by one, such as one
 * OAuth 2 provider per client registration.
 */
@FunctionalInterface
public interface SignInProviderSource {

	/** The configured providers, in no particular order. */
	List<SignInProvider> signInProviders();

}
