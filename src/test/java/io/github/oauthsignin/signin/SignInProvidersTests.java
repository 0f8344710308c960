package io.github.oauthsignin.signin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class SignInProvidersTests {

	private static final ProviderDescriptor FACEBOOK = preset("facebook", "Facebook", "FACEBOOK");

	private static final ProviderDescriptor GITHUB = preset("github", "GitHub", "GITHUB");

	private static final ProviderDescriptor X = new Preset("twitter", "X", List.of(pair("X"), pair("TWITTER")));

	@Test
	void allWhenNoOrderSetThenPresetsInTheirOrderThenOthersByName() {
		SignInProviders providers = providers(List.of(), provider("zeta", "Zeta"), provider("twitter", "X"),
				provider("acme", "Acme"), provider("facebook", "Facebook"));
		assertThat(providers.all()).extracting(SignInProvider::id)
			.containsExactly("facebook", "twitter", "acme", "zeta");
	}

	@Test
	void allWhenOrderSetThenThoseFirst() {
		SignInProviders providers = providers(List.of("acme", "twitter"), provider("facebook", "Facebook"),
				provider("twitter", "X"), provider("acme", "Acme"));
		assertThat(providers.all()).extracting(SignInProvider::id).containsExactly("acme", "twitter", "facebook");
	}

	@Test
	void unconfiguredWhenSomePresetsMissingThenThoseOnlyAndOneLogLineEach(CapturedOutput output) {
		SignInProviders providers = providers(List.of(), provider("facebook", "Facebook"));
		assertThat(providers.unconfigured()).extracting(ProviderDescriptor::id).containsExactly("github", "twitter");
		assertThat(output).contains("GitHub sign-in is off: set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (see the README)")
			.contains("X sign-in is off: set X_CLIENT_ID and X_CLIENT_SECRET, or set TWITTER_CLIENT_ID and "
					+ "TWITTER_CLIENT_SECRET (see the README)")
			.doesNotContain("Facebook sign-in is off");
	}

	@Test
	void displayNameWhenPresetNotConfiguredThenStillItsName() {
		SignInProviders providers = providers(List.of(), provider("acme", "Acme"));
		assertThat(providers.displayName("acme")).isEqualTo("Acme");
		assertThat(providers.displayName("github")).isEqualTo("GitHub");
		assertThat(providers.displayName("gone")).isEqualTo("gone");
	}

	@Test
	void serverToServerPostPathsWhenConfiguredThenOnlyTheirs() {
		ProviderDescriptor withCallback = new Preset("facebook", "Facebook", List.of(pair("FACEBOOK"))) {
			@Override
			public List<String> serverToServerPosts() {
				return List.of("/facebook/data-deletion");
			}
		};
		SignInProviders configured = new SignInProviders(List.of(provider(withCallback)), List.of(),
				List.of(withCallback), properties(List.of()));
		SignInProviders unconfigured = new SignInProviders(List.of(), List.of(), List.of(withCallback),
				properties(List.of()));
		assertThat(configured.serverToServerPostPaths()).containsExactly("/facebook/data-deletion");
		assertThat(unconfigured.serverToServerPostPaths()).isEmpty();
	}

	@Test
	void newWhenTwoProvidersShareAnIdThenRefused() {
		assertThatIllegalStateException().isThrownBy(() -> new SignInProviders(List.of(provider("a", "A")),
				List.of(() -> List.of(provider("a", "Also A"))), List.of(), properties(List.of())))
			.withMessageContaining("Two sign-in providers are named a");
	}

	private static SignInProviders providers(List<String> order, SignInProvider... configured) {
		return new SignInProviders(List.of(), List.of(() -> List.of(configured)), List.of(FACEBOOK, GITHUB, X),
				properties(order));
	}

	private static SignInProperties properties(List<String> order) {
		return new SignInProperties(null, new SignInProperties.Pending(3, 10000, Duration.ofMinutes(10)),
				new SignInProperties.Brake(20, 100000), order, Map.of());
	}

	private static CredentialSettings pair(String prefix) {
		return new CredentialSettings(prefix + "_CLIENT_ID", prefix + "_CLIENT_SECRET", "id", "secret");
	}

	private static ProviderDescriptor preset(String id, String name, String prefix) {
		return new Preset(id, name, List.of(pair(prefix)));
	}

	private static SignInProvider provider(String id, String name) {
		return provider(ProviderDescriptor.plain(id, name));
	}

	private static SignInProvider provider(ProviderDescriptor descriptor) {
		return new SignInProvider() {

			@Override
			public ProviderDescriptor descriptor() {
				return descriptor;
			}

			@Override
			public List<String> authorizationOrigins() {
				return List.of("https://" + descriptor.id() + ".example");
			}

			@Override
			public String setup() {
				return "a test double";
			}

			@Override
			public PendingSignIn start(HttpServletRequest request) {
				throw new UnsupportedOperationException();
			}

			@Override
			public Optional<String> attemptKey(Map<String, String> callbackParameters) {
				return Optional.empty();
			}

			@Override
			public CompletedSignIn complete(PendingSignIn pending, Map<String, String> callbackParameters) {
				throw new UnsupportedOperationException();
			}

		};
	}

	private static class Preset implements ProviderDescriptor {

		private final String id;

		private final String name;

		private final List<CredentialSettings> credentials;

		Preset(String id, String name, List<CredentialSettings> credentials) {
			this.id = id;
			this.name = name;
			this.credentials = credentials;
		}

		@Override
		public String id() {
			return this.id;
		}

		@Override
		public String displayName() {
			return this.name;
		}

		@Override
		public List<CredentialSettings> credentials() {
			return this.credentials;
		}

	}

}
