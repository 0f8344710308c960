package io.github.oauthsignin.signin;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A provider for {@code @WebMvcTest} slices, which call no provider: its start sends the browser to
 * {@code https://<id>.example/authorize?state=…}, and its callback answers what the test says (a profile, or a
 * refusal it throws). Declare it as a bean: {@code @Bean SignInProvider github() { return new
 * StubSignInProvider("github", "GitHub"); }}.
 */
public class StubSignInProvider implements SignInProvider {

	private final ProviderDescriptor descriptor;

	private final Function<Map<String, String>, CompletedSignIn> answer;

	/** A provider whose callback is refused as a cancelled sign-in. */
	public StubSignInProvider(String id, String displayName) {
		this(ProviderDescriptor.plain(id, displayName), (parameters) -> {
			throw new SignInCancelledException(id);
		});
	}

	/** A provider described by this descriptor, whose callback answers with this function of its parameters. */
	public StubSignInProvider(ProviderDescriptor descriptor, Function<Map<String, String>, CompletedSignIn> answer) {
		this.descriptor = descriptor;
		this.answer = answer;
	}

	@Override
	public ProviderDescriptor descriptor() {
		return this.descriptor;
	}

	@Override
	public List<String> authorizationOrigins() {
		return List.of("https://" + id() + ".example");
	}

	@Override
	public String setup() {
		return "a stand-in of a @WebMvcTest";
	}

	@Override
	public PendingSignIn start(HttpServletRequest request) {
		return new PendingSignIn(id(), "state-1", URI.create("https://" + id() + ".example/authorize?state=state-1"),
				"protocol-state");
	}

	@Override
	public Optional<String> attemptKey(Map<String, String> callbackParameters) {
		return Optional.ofNullable(callbackParameters.get("state"));
	}

	@Override
	public CompletedSignIn complete(PendingSignIn pending, Map<String, String> callbackParameters) {
		return this.answer.apply(callbackParameters);
	}

}
