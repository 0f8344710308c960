package io.github.oauthsignin.providers.x;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.oauthsignin.signin.SignInFailedException;
import io.github.oauthsignin.user.SignInProfile;

/**
 * X's OAuth 1.0a profile, {@code /1.1/account/verify_credentials.json}, and its error answers,
 * {@code {"errors":[{"code":32,"message":"Could not authenticate you."}]}}.
 */
final class VerifyCredentials {

	static final String FALLBACK_NICKNAME = "X user";

	private static final JsonMapper json = JsonMapper.builder().build();

	private VerifyCredentials() {
	}

	/** The person, greeted by their display name, with their handle, keyed by {@code id_str} (ids exceed 2^53). */
	static SignInProfile toProfile(String body) {
		TwitterUser user;
		try {
			user = json.readValue(body, TwitterUser.class);
		}
		catch (JacksonException ex) {
			throw new SignInFailedException(XPreset.ID, "verify_credentials is not JSON: " + describeErrors(body));
		}
		if (user == null) {
			throw new SignInFailedException(XPreset.ID, "verify_credentials answered an empty body");
		}
		try {
			return SignInProfile.of(XPreset.ID, user.idStr(), user.email(), user.profileImageUrlHttps(), user.name(),
					user.screenName(), FALLBACK_NICKNAME)
				.withUsername(user.screenName());
		}
		catch (IllegalArgumentException ex) {
			throw new SignInFailedException(XPreset.ID,
					"verify_credentials gave an unusable profile: " + ex.getMessage());
		}
	}

	/**
	 * An error answer as one line: X's error codes only. Nothing of the body is echoed, not even X's messages: an
	 * answer may hold a token, and whatever it says is the provider's text, not ours.
	 */
	static String describeErrors(String body) {
		try {
			JsonNode errors = json.readTree(body).path("errors");
			if (errors.isArray() && !errors.isEmpty()) {
				StringBuilder codes = new StringBuilder("X error code");
				codes.append((errors.size() > 1) ? "s " : " ");
				for (JsonNode error : errors) {
					JsonNode code = error.path("code");
					codes.append(code.isIntegralNumber() ? code.asString() : "?").append(", ");
				}
				return codes.substring(0, codes.length() - 2);
			}
		}
		catch (JacksonException ex) {
			// not JSON: fall through
		}
		return "an answer that is not X's error format (" + body.length() + " characters)";
	}

	/** The part of {@code verify_credentials} we use. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record TwitterUser(@JsonProperty("id_str") String idStr, @JsonProperty("screen_name") String screenName,
			String name, String email, @JsonProperty("profile_image_url_https") String profileImageUrlHttps) {
	}

}
