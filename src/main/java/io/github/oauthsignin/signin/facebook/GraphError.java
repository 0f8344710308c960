package io.github.oauthsignin.signin.facebook;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the Graph API's error answer, {@code {"error":{"message":…,"type":…,"code":…,"fbtrace_id":…}}}, into one
 * line for the log.
 */
final class GraphError {

	private static final JsonMapper json = JsonMapper.builder().build();

	private GraphError() {
	}

	static String describe(String body) {
		try {
			JsonNode error = json.readTree(body).path("error");
			if (error.isObject()) {
				return error.path("type").asString("") + " " + error.path("code").asString("") + " "
						+ error.path("message").asString("") + " (fbtrace_id " + error.path("fbtrace_id").asString("")
						+ ")";
			}
		}
		catch (RuntimeException ex) {
			// not JSON: fall through to the raw text
		}
		// Never echo an unknown body: it may hold a token.
		return "an answer that is not the Graph API's error format (" + body.length() + " characters)";
	}

}
