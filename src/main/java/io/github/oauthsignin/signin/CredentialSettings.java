package io.github.oauthsignin.signin;

import java.util.Optional;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

import io.github.oauthsignin.config.InvalidSettingException;

/**
 * Where a provider's app credentials come from: two environment variables with short, documented names (such as
 * {@code FACEBOOK_CLIENT_ID} and {@code FACEBOOK_CLIENT_SECRET}), or the properties they stand for (such as
 * {@code spring.security.oauth2.client.registration.facebook.client-id}), which win when set.
 * @param idVariable the variable holding the client id (OAuth 1.0a: the consumer key)
 * @param secretVariable the variable holding the client secret
 * @param idProperty the property the id variable stands for
 * @param secretProperty the property the secret variable stands for
 */
public record CredentialSettings(String idVariable, String secretVariable, String idProperty, String secretProperty) {

	/**
	 * The credentials, when this pair is set.
	 * @return empty when neither half is set
	 * @throws InvalidSettingException when only one half is set: a provider configured by half is a mistake, not
	 * a provider that is off
	 */
	public Optional<Credentials> resolve(PropertyResolver environment) {
		String id = value(environment, this.idProperty, this.idVariable);
		String secret = value(environment, this.secretProperty, this.secretVariable);
		if (id == null && secret == null) {
			return Optional.empty();
		}
		if (id == null) {
			throw new InvalidSettingException(this.idVariable,
					"is not set, but " + this.secretVariable + " is (or set " + this.idProperty + ")");
		}
		if (secret == null) {
			throw new InvalidSettingException(this.secretVariable,
					"is not set, but " + this.idVariable + " is (or set " + this.secretProperty + ")");
		}
		return Optional.of(new Credentials(id, secret));
	}

	/** Whether either half is set. */
	public boolean isSet(PropertyResolver environment) {
		return value(environment, this.idProperty, this.idVariable) != null
				|| value(environment, this.secretProperty, this.secretVariable) != null;
	}

	private static String value(PropertyResolver environment, String property, String variable) {
		String value = environment.getProperty(property);
		if (!StringUtils.hasText(value)) {
			value = environment.getProperty(variable);
		}
		return StringUtils.hasText(value) ? value.strip() : null;
	}

	/**
	 * A client id (or consumer key) and its secret.
	 * @param id the client id
	 * @param secret the client secret, kept out of {@link #toString()}
	 */
	public record Credentials(String id, String secret) {

		@Override
		public String toString() {
			return "Credentials[id=" + this.id + ", secret=<hidden>]";
		}

	}

}
