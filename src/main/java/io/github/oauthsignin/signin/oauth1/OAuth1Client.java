package io.github.oauthsignin.signin.oauth1;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.config.HttpUrls;
import io.github.oauthsignin.signin.LogSanitizer;
import io.github.oauthsignin.signin.SignInFailedException;
import io.github.oauthsignin.signin.SignInMetrics;
import io.github.oauthsignin.signin.SignInMetrics.Step;

/**
 * The three legs of an OAuth 1.0a sign-in (RFC 5849 section 2), each request signed by {@link OAuth1Signer}:
 * a request token for our callback (which the provider must confirm), the browser's trip to approve it, and the
 * approved request token with its verifier exchanged for an access token, which then signs calls for the person's
 * profile. Token answers are read as form data whatever their Content-Type (X labels them text/html).
 */
public final class OAuth1Client {

	private final String providerId;

	private final OAuth1Signer signer;

	private final Endpoints endpoints;

	private final RestClient http;

	private final SignInMetrics metrics;

	private final UnaryOperator<String> errors;

	/**
	 * @param providerId the provider's id, for failures
	 * @param consumerKey the app's consumer (API) key
	 * @param consumerSecret the app's consumer (API) secret
	 * @param endpoints where the three legs go
	 * @param http the app's HTTP client (a {@code RestClient.Builder}'s), with its time and size limits
	 * @param errors describes an error answer's body in one line for the log in our words (error codes, say), never
	 * quoting it
	 */
	public OAuth1Client(String providerId, String consumerKey, String consumerSecret, Endpoints endpoints,
			RestClient http, UnaryOperator<String> errors, SignInMetrics metrics) {
		this(providerId, new OAuth1Signer(consumerKey, consumerSecret), endpoints, http, errors, metrics);
	}

	OAuth1Client(String providerId, OAuth1Signer signer, Endpoints endpoints, RestClient http,
			UnaryOperator<String> errors, SignInMetrics metrics) {
		this.metrics = metrics;
		this.providerId = providerId;
		this.signer = signer;
		this.endpoints = endpoints;
		this.http = http;
		this.errors = errors;
	}

	/** Where the three legs go. */
	Endpoints endpoints() {
		return this.endpoints;
	}

	/** First leg: a request token for this callback; the provider must confirm the callback. */
	RequestToken requestToken(URI callback) {
		Map<String, String> answer = formAnswer("request token", call(HttpMethod.POST, this.endpoints.requestToken(),
				null, Map.of("oauth_callback", callback.toString()), Step.REQUEST_TOKEN, "request token"));
		if (!"true".equals(answer.get("oauth_callback_confirmed"))) {
			throw new SignInFailedException(this.providerId, "the request token answer does not confirm the callback");
		}
		return new RequestToken(required(answer, "oauth_token", "request token"),
				required(answer, "oauth_token_secret", "request token"));
	}

	/** The origin the browser goes to in the second leg, for the page's {@code form-action}. */
	List<String> authorizationOrigins() {
		String origin = HttpUrls.origin(this.endpoints.authorize().toString());
		return (origin != null) ? List.of(origin) : List.of();
	}

	/** Second leg: where the browser goes to approve the request token. */
	URI authorizationUri(RequestToken requestToken) {
		return UriComponentsBuilder.fromUri(this.endpoints.authorize())
			.queryParam("oauth_token", "{token}")
			.encode()
			.buildAndExpand(requestToken.value())
			.toUri();
	}

	/** Third leg: the approved request token and its verifier for an access token. */
	OAuth1Signer.Token accessToken(RequestToken requestToken, String verifier) {
		Map<String, String> answer = formAnswer("access token", call(HttpMethod.POST, this.endpoints.accessToken(),
				requestToken.toSignerToken(), Map.of("oauth_verifier", verifier), Step.TOKEN, "access token"));
		return new OAuth1Signer.Token(required(answer, "oauth_token", "access token"),
				required(answer, "oauth_token_secret", "access token"));
	}

	/**
	 * Invalidates an access token at the provider (X's {@code POST oauth/invalidate_token}), signed with that token.
	 * @throws SignInFailedException when the provider refused or did not answer
	 */
	void invalidate(OAuth1Signer.Token accessToken) {
		call(HttpMethod.POST, this.endpoints.invalidateToken(), accessToken, Map.of(), "invalidate token");
	}

	/** What signs this client's requests: the app's consumer key and secret. */
	OAuth1Signer signer() {
		return this.signer;
	}

	/** A signed GET with the access token; the body of a 200 answer. */
	String get(URI resource, OAuth1Signer.Token accessToken, String step) {
		return call(HttpMethod.GET, resource, accessToken, Map.of(), Step.PROFILE, step);
	}

	private String call(HttpMethod method, URI uri, OAuth1Signer.Token token, Map<String, String> protocolParameters,
			Step timed, String step) {
		return this.metrics.timeCall(this.providerId, timed, () -> call(method, uri, token, protocolParameters, step));
	}

	private String call(HttpMethod method, URI uri, OAuth1Signer.Token token, Map<String, String> protocolParameters,
			String step) {
		String authorization = this.signer.authorizationHeader(method.name(), uri, List.of(), token,
				protocolParameters);
		try {
			return this.http.method(method)
				.uri(uri)
				.header(HttpHeaders.AUTHORIZATION, authorization)
				.exchange((request, response) -> {
					String body = read(response.getBody());
					int status = response.getStatusCode().value();
					if (status != 200) {
						throw new SignInFailedException(this.providerId,
								"the " + step + " step answered " + status + ": " + this.errors.apply(body));
					}
					return body;
				});
		}
		catch (RestClientException ex) {
			throw new SignInFailedException(this.providerId,
					"the " + step + " step failed: " + LogSanitizer.describe(ex), ex);
		}
	}

	/** The whole answer: the app's HTTP client bounds it (signin.http.max-answer-size) and fails past the limit. */
	private static String read(InputStream body) throws IOException {
		return new String(body.readAllBytes(), StandardCharsets.UTF_8);
	}

	/** Reads an answer as {@code application/x-www-form-urlencoded}, which is what providers send, labelled or not. */
	private Map<String, String> formAnswer(String step, String body) {
		Map<String, String> answer;
		try {
			answer = OAuth1Signer.formParameters(body.strip())
				.stream()
				.collect(Collectors.toMap(OAuth1Signer.Parameter::name, OAuth1Signer.Parameter::value,
						(first, second) -> first));
		}
		catch (IllegalArgumentException ex) {
			answer = Map.of();
		}
		if (!answer.containsKey("oauth_token")) {
			throw new SignInFailedException(this.providerId,
					"the " + step + " answer is not form data with a token: " + this.errors.apply(body));
		}
		return answer;
	}

	private String required(Map<String, String> answer, String name, String step) {
		String value = answer.get(name);
		if (value == null || value.isBlank()) {
			throw new SignInFailedException(this.providerId, "the " + step + " answer has no " + name);
		}
		return value;
	}

	/**
	 * Where the three legs go, and where an access token is given back.
	 * @param requestToken where request tokens are obtained
	 * @param authorize where the browser approves
	 * @param accessToken where the approved request token is exchanged
	 * @param invalidateToken where an access token is invalidated (revoked)
	 */
	public record Endpoints(URI requestToken, URI authorize, URI accessToken, URI invalidateToken) {
	}

	/**
	 * The request token of a pending sign-in and its secret, kept server-side only ({@code PendingAttemptStore}).
	 * @param value the request token, which the callback must echo
	 * @param secret the request token secret, which signs the access token request
	 */
	record RequestToken(String value, String secret) implements Serializable {

		OAuth1Signer.Token toSignerToken() {
			return new OAuth1Signer.Token(this.value, this.secret);
		}

		@Override
		public String toString() {
			return "RequestToken[value=" + this.value + "]";
		}

	}

}
