package io.github.oauthsignin.signin;

import java.util.Objects;

import io.github.oauthsignin.user.SignInProfile;

/**
 * What a provider's answer to a sign-in gave: who the person is, and the credentials to call the provider as them
 * (kept only where the operator asked for it).
 * @param profile the person's profile
 * @param credentials the tokens the protocol handed over
 */
public record CompletedSignIn(SignInProfile profile, ProviderCredentials credentials) {

	public CompletedSignIn {
		Objects.requireNonNull(profile, "profile");
		Objects.requireNonNull(credentials, "credentials");
	}

}
