package io.github.oauthsignin.signin.oauth1;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.github.oauthsignin.signin.CallbackUris;
import io.github.oauthsignin.signin.CompletedSignIn;
import io.github.oauthsignin.signin.PendingSignIn;
import io.github.oauthsignin.signin.ProviderCredentials;
import io.github.oauthsignin.signin.ProviderDescriptor;
import io.github.oauthsignin.signin.SignInCancelledException;
import io.github.oauthsignin.signin.SignInFailedException;
import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.user.SignInProfile;

/**
 * Signs people in over OAuth 1.0a ({@link OAuth1Client}): start gets a request token and sends the browser to
 * approve it; complete checks the callback names this browser's request token, exchanges it with the verifier for
 * an access token, and reads the person's profile with it; revoke invalidates that access token.
 */
public final class OAuth1SignInProvider implements SignInProvider {

	private final ProviderDescriptor descriptor;

	private final OAuth1Client client;

	private final CallbackUris callbackUris;

	private final URI profileUri;

	private final ProfileReader profiles;

	/**
	 * @param descriptor the provider
	 * @param client its three legs
	 * @param callbackUris where the provider sends the browser back
	 * @param profileUri the profile resource, read with the access token (its own query parameters are signed)
	 * @param profiles reads the profile resource's answer
	 */
	public OAuth1SignInProvider(ProviderDescriptor descriptor, OAuth1Client client, CallbackUris callbackUris,
			URI profileUri, ProfileReader profiles) {
		this.descriptor = descriptor;
		this.client = client;
		this.callbackUris = callbackUris;
		this.profileUri = profileUri;
		this.profiles = profiles;
	}

	@Override
	public ProviderDescriptor descriptor() {
		return this.descriptor;
	}

	@Override
	public List<String> authorizationOrigins() {
		return this.client.authorizationOrigins();
	}

	@Override
	public String setup() {
		OAuth1Client.Endpoints endpoints = this.client.endpoints();
		return "OAuth 1.0a, request token " + endpoints.requestToken() + ", authorize " + endpoints.authorize()
				+ ", access token " + endpoints.accessToken() + ", profile " + this.profileUri;
	}

	@Override
	public PendingSignIn start(HttpServletRequest request) {
		OAuth1Client.RequestToken requestToken = this.client
			.requestToken(this.callbackUris.callbackUri(request, id()));
		return new PendingSignIn(id(), requestToken.value(), this.client.authorizationUri(requestToken), requestToken);
	}

	/** The request token the callback answers: {@code oauth_token} on approval, {@code denied} on refusal. */
	@Override
	public Optional<String> attemptKey(Map<String, String> callbackParameters) {
		return Optional.ofNullable(callbackParameters.get("oauth_token"))
			.or(() -> Optional.ofNullable(callbackParameters.get("denied")));
	}

	@Override
	public CompletedSignIn complete(PendingSignIn pending, Map<String, String> callbackParameters) {
		OAuth1Client.RequestToken requestToken = pending.protocolState(OAuth1Client.RequestToken.class);
		if (callbackParameters.containsKey("denied")) {
			throw new SignInCancelledException(id());
		}
		String verifier = callbackParameters.get("oauth_verifier");
		if (verifier == null || verifier.isBlank()) {
			throw new SignInFailedException(id(), "the callback carries no oauth_verifier");
		}
		OAuth1Signer.Token accessToken = this.client.accessToken(requestToken, verifier);
		SignInProfile profile = this.profiles.read(this.client.get(this.profileUri, accessToken, "profile"));
		return new CompletedSignIn(profile, new ProviderCredentials.OAuth1(accessToken.value(), accessToken.secret()));
	}

	/** Invalidates the access token at the provider. */
	@Override
	public boolean revoke(ProviderCredentials credentials) {
		if (!(credentials instanceof ProviderCredentials.OAuth1 token)) {
			return false;
		}
		this.client.invalidate(new OAuth1Signer.Token(token.token(), token.secret()));
		return true;
	}

	/**
	 * An interceptor for a {@code RestClient} that signs its requests to this provider as the signed-in person, with
	 * the access token kept for them.
	 * @param authorizedClients the kept tokens
	 */
	public OAuth1ClientHttpRequestInterceptor requestInterceptor(OAuth1AuthorizedClientService authorizedClients) {
		return new OAuth1ClientHttpRequestInterceptor(id(), this.client.signer(), authorizedClients);
	}

	/** Reads the profile resource's answer. */
	@FunctionalInterface
	public interface ProfileReader {

		/** @throws SignInFailedException when the answer is not a usable profile */
		SignInProfile read(String body);

	}

}
