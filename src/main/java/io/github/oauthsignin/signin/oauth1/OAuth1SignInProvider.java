package io.github.oauthsignin.signin.twitter;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.signin.LogText;
import io.github.oauthsignin.signin.PendingSignIn;
import io.github.oauthsignin.signin.SignInCancelledException;
import io.github.oauthsignin.signin.SignInFailedException;
import io.github.oauthsignin.signin.SignInProfile;
import io.github.oauthsignin.signin.SignInProvider;

/**
 * Sign in with Twitter (X): OAuth 1.0a's three legs, each request signed by {@link OAuth1Signer}.
 * <ol>
 * <li>start: a signed POST for a request token, with our callback URL; X must confirm the callback;</li>
 * <li>the browser approves at X and comes back with the request token and a verifier;</li>
 * <li>complete: the request token (which must be the one this browser's attempt holds) and the verifier are
 * exchanged for an access token, which signs the profile request.</li>
 * </ol>
 * Token answers are read as form data whatever their Content-Type (X labels them text/html).
 */
public class TwitterSignInProvider implements SignInProvider {

	/** The provider id and prefix of social ids. */
	public static final String ID = "twitter";

	static final String FALLBACK_NICKNAME = "Twitter user";

	/** Answers larger than this are not what X sends; reading stops there. */
	private static final int MAX_ANSWER_BYTES = 64 * 1024;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final TwitterProperties properties;

	private final OAuth1Signer signer;

	private final RestClient http;

	TwitterSignInProvider(TwitterProperties properties, OAuth1Signer signer, ClientHttpRequestFactory requestFactory) {
		this.properties = properties;
		this.signer = signer;
		this.http = RestClient.builder().requestFactory(requestFactory).build();
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String displayName() {
		return "Twitter";
	}

	@Override
	public PendingSignIn start(URI callbackUri) {
		URI endpoint = this.properties.requestToken();
		Map<String, String> answer = formAnswer("request token", call(HttpMethod.POST, endpoint, null,
				Map.of("oauth_callback", callbackUri.toString()), "request token"));
		if (!"true".equals(answer.get("oauth_callback_confirmed"))) {
			throw new SignInFailedException(ID, "the request token answer does not confirm the callback");
		}
		RequestToken requestToken = new RequestToken(required(answer, "oauth_token", "request token"),
				required(answer, "oauth_token_secret", "request token"));
		URI redirect = UriComponentsBuilder.fromUri(this.properties.authorize())
			.queryParam("oauth_token", "{token}")
			.encode()
			.buildAndExpand(requestToken.value())
			.toUri();
		return new PendingSignIn(ID, requestToken.value(), redirect, requestToken);
	}

	/** The request token the callback answers: {@code oauth_token} on approval, {@code denied} on refusal. */
	@Override
	public Optional<String> attemptKey(Map<String, String> callbackParameters) {
		return Optional.ofNullable(callbackParameters.get("oauth_token"))
			.or(() -> Optional.ofNullable(callbackParameters.get("denied")));
	}

	@Override
	public SignInProfile complete(PendingSignIn pending, Map<String, String> callbackParameters) {
		RequestToken requestToken = pending.protocolState(RequestToken.class);
		if (callbackParameters.containsKey("denied")) {
			throw new SignInCancelledException(ID);
		}
		String verifier = callbackParameters.get("oauth_verifier");
		if (verifier == null || verifier.isBlank()) {
			throw new SignInFailedException(ID, "the callback carries no oauth_verifier");
		}
		URI accessTokenEndpoint = this.properties.accessToken();
		Map<String, String> answer = formAnswer("access token",
				call(HttpMethod.POST, accessTokenEndpoint, requestToken.toSignerToken(),
						Map.of("oauth_verifier", verifier), "access token"));
		OAuth1Signer.Token accessToken = new OAuth1Signer.Token(required(answer, "oauth_token", "access token"),
				required(answer, "oauth_token_secret", "access token"));
		String profile = call(HttpMethod.GET, this.properties.userInfo(), accessToken, Map.of(), "verify_credentials");
		return toProfile(profile);
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
						throw new SignInFailedException(ID,
								"the " + step + " step answered " + status + ": " + TwitterErrors.describe(body));
					}
					return body;
				});
		}
		catch (RestClientException ex) {
			throw new SignInFailedException(ID, "the " + step + " step failed: " + LogText.cause(ex), ex);
		}
	}

	private static String read(InputStream body) throws IOException {
		return new String(body.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
	}

	/** Reads an answer as {@code application/x-www-form-urlencoded}, which is what X sends, labelled or not. */
	private static Map<String, String> formAnswer(String step, String body) {
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
			throw new SignInFailedException(ID,
					"the " + step + " answer is not form data with a token: " + TwitterErrors.describe(body));
		}
		return answer;
	}

	private static String required(Map<String, String> answer, String name, String step) {
		String value = answer.get(name);
		if (value == null || value.isBlank()) {
			throw new SignInFailedException(ID, "the " + step + " answer has no " + name);
		}
		return value;
	}

	private static SignInProfile toProfile(String body) {
		TwitterUser user;
		try {
			user = json.readValue(body, TwitterUser.class);
		}
		catch (JacksonException ex) {
			throw new SignInFailedException(ID, "verify_credentials is not JSON: " + TwitterErrors.describe(body));
		}
		if (user == null) {
			throw new SignInFailedException(ID, "verify_credentials answered an empty body");
		}
		try {
			return SignInProfile.of(ID, user.idStr(), user.email(), user.profileImageUrlHttps(), user.screenName(),
					user.name(), FALLBACK_NICKNAME);
		}
		catch (IllegalArgumentException ex) {
			throw new SignInFailedException(ID, "verify_credentials gave an unusable profile: " + ex.getMessage());
		}
	}

	/**
	 * The request token of a pending sign-in and its secret, kept server-side in the session only.
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

	/** The part of {@code verify_credentials} we use. {@code id_str}, because ids exceed 2^53. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record TwitterUser(@JsonProperty("id_str") String idStr, @JsonProperty("screen_name") String screenName,
			String name, String email, @JsonProperty("profile_image_url_https") String profileImageUrlHttps) {
	}

	/** X's error answers, {@code {"errors":[{"code":32,"message":"Could not authenticate you."}]}}, as one line. */
	static final class TwitterErrors {

		private TwitterErrors() {
		}

		static String describe(String body) {
			try {
				JsonNode errors = json.readTree(body).path("errors");
				if (errors.isArray() && !errors.isEmpty()) {
					StringBuilder text = new StringBuilder();
					for (JsonNode error : errors) {
						text.append("code ").append(error.path("code").asString("?")).append(' ')
							.append(error.path("message").asString("")).append("; ");
					}
					return text.toString().strip();
				}
			}
			catch (JacksonException ex) {
				// not JSON: fall through to the raw text
			}
			// Never echo an unknown body: it may hold a token.
			return "an answer that is not X's error format (" + body.length() + " characters)";
		}

	}

}
