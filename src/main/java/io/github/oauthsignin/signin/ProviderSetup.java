package io.github.oauthsignin.signin;

import java.util.List;

/**
 * What it takes to configure a provider the app supports. Each provider's configuration declares one as a bean,
 * configured or not, so that the home page can tell how to turn on the ones that are missing.
 * @param id the provider's {@link SignInProvider#id()}
 * @param displayName the provider's name, such as {@code Facebook}
 * @param variables the environment variables to set
 */
public record ProviderSetup(String id, String displayName, List<String> variables) {
}
