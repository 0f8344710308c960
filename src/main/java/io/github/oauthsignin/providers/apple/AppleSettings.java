package io.github.oauthsignin.providers.apple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

import io.github.oauthsignin.config.InvalidSettingException;

/**
 * The four environment variables that turn Sign in with Apple on: {@value #CLIENT_ID} (the Services ID; or the
 * standard {@code spring.security.oauth2.client.registration.apple.client-id}), {@value #TEAM_ID}, {@value #KEY_ID}
 * and {@value #PRIVATE_KEY} (the PEM text of the {@code .p8} key). None set: Apple is off. Some but not all: the app
 * does not start, and says which are missing.
 * @param clientId the Services ID
 * @param teamId the team id, the client secret's {@code iss}
 * @param keyId the key's id, the client secret's {@code kid}
 * @param privateKeyPem the key, never shown
 */
record AppleSettings(String clientId, String teamId, String keyId, String privateKeyPem) {

	static final String CLIENT_ID = "APPLE_CLIENT_ID";

	static final String TEAM_ID = "APPLE_TEAM_ID";

	static final String KEY_ID = "APPLE_KEY_ID";

	static final String PRIVATE_KEY = "APPLE_PRIVATE_KEY";

	static final String CLIENT_ID_PROPERTY = "spring.security.oauth2.client.registration.apple.client-id";

	/**
	 * The settings, when all four are set.
	 * @return empty when none is set
	 * @throws InvalidSettingException naming the missing ones, when some but not all are set
	 */
	static Optional<AppleSettings> from(PropertyResolver environment) {
		Map<String, String> values = new LinkedHashMap<>();
		String clientId = environment.getProperty(CLIENT_ID_PROPERTY);
		values.put(CLIENT_ID, StringUtils.hasText(clientId) ? clientId : environment.getProperty(CLIENT_ID));
		values.put(TEAM_ID, environment.getProperty(TEAM_ID));
		values.put(KEY_ID, environment.getProperty(KEY_ID));
		values.put(PRIVATE_KEY, environment.getProperty(PRIVATE_KEY));
		List<String> missing = new ArrayList<>();
		List<String> set = new ArrayList<>();
		values.forEach((name, value) -> (StringUtils.hasText(value) ? set : missing).add(name));
		if (set.isEmpty()) {
			return Optional.empty();
		}
		if (!missing.isEmpty()) {
			throw new InvalidSettingException(String.join(", ", missing),
					((missing.size() == 1) ? "is" : "are") + " not set, but " + String.join(", ", set)
							+ ((set.size() == 1) ? " is" : " are") + ": Sign in with Apple needs all four of "
							+ String.join(", ", values.keySet()) + " (README, \"Sign in with Apple\")");
		}
		return Optional.of(new AppleSettings(values.get(CLIENT_ID).strip(), values.get(TEAM_ID).strip(),
				values.get(KEY_ID).strip(), values.get(PRIVATE_KEY)));
	}

	@Override
	public String toString() {
		return "AppleSettings[clientId=" + this.clientId + ", teamId=" + this.teamId + ", keyId=" + this.keyId
				+ ", privateKey=<hidden>]";
	}

}
