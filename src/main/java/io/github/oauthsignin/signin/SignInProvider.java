package io.github.oauthsignin.signin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * One way of signing a person in through a third party, whatever protocol it speaks.
 * <p>
 * A sign-in takes two steps separated by a trip through the person's browser: {@link #start} says where to send the
 * browser and what to remember until it comes back, and {@link #complete} turns the parameters of the provider's
 * redirect back into a profile ({@link CompletedSignIn}). Implementations hold no per-person state: everything an attempt
 * needs travels in its {@link PendingSignIn}, which the caller keeps server-side.
 */
public interface SignInProvider {

	/** What the app knows about this provider: id, name, button, credentials. */
	ProviderDescriptor descriptor();

	/** Short lower-case name used in URLs and in social ids, such as {@code facebook}. */
	default String id() {
		return descriptor().id();
	}

	/** Name shown to people, such as {@code Facebook}. */
	default String displayName() {
		return descriptor().displayName();
	}

	/**
	 * The origins the browser is sent to by {@link #start}, such as {@code https://www.facebook.com}, as far as they
	 * are known without calling the provider (the page's {@code form-action} must allow them). Must be cheap: it is
	 * asked for every page.
	 */
	List<String> authorizationOrigins();

	/**
	 * How the app reaches the provider, for the start-up log: the protocol, and the issuer or the endpoints, such as
	 * {@code OAuth 2, authorization https://…, token https://…, user info https://…}. Never a secret.
	 */
	String setup();

	/**
	 * Begins a sign-in.
	 * @param request the request that asked for it; the provider builds its callback URL ({@link CallbackUris})
	 * from it and nothing else
	 * @return what to remember until the callback, including where to send the browser now
	 * @throws SignInFailedException when the provider must be called first and does not answer properly
	 */
	PendingSignIn start(HttpServletRequest request);

	/**
	 * Reads, from the callback's parameters, the key under which the attempt it answers was saved (the OAuth 2
	 * {@code state}, the OAuth 1.0a request token). Must not call the provider.
	 * @return the key, or empty when the callback names no attempt
	 */
	Optional<String> attemptKey(Map<String, String> callbackParameters);

	/**
	 * Finishes a sign-in from the provider's redirect back.
	 * @param pending the attempt this callback answers, already matched by {@link #attemptKey(Map)} and removed
	 * from the store, so it is never completed twice
	 * @param callbackParameters the query parameters of the callback
	 * @return the person's profile, and the credentials the provider handed over
	 * @throws SignInCancelledException when the person declined at the provider
	 * @throws SignInFailedException when the provider refused, failed or answered something unusable
	 * @throws SignInRejectedException when the provider's answer failed a check that makes it trustworthy
	 */
	CompletedSignIn complete(PendingSignIn pending, Map<String, String> callbackParameters);

	/**
	 * Revokes, at the provider, credentials that an earlier {@link #complete} gave, where the provider offers
	 * revocation.
	 * @return true when the provider revoked them; false when it offers no revocation
	 * @throws SignInFailedException when the provider refused or did not answer
	 */
	default boolean revoke(ProviderCredentials credentials) {
		return false;
	}

}
