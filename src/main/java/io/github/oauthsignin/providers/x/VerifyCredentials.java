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

	/** An error answer as one line; an unknown body is never echoed, it may hold a token. */
	static String describeErrors(String body) {
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
