package io.github.oauthsignin.signin;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The bound on provider answers that Spring Boot's {@code spring.http.clients.*} has no setting for (its
 * {@code read-timeout} is the deadline of a whole answer, see {@link ProviderAnswerLimits}).
 * @param maxAnswerSize the largest answer (body) any call to a provider may get: token, UserInfo, JWKS, discovery,
 * profile and OAuth 1.0a calls alike; a larger one fails the sign-in as a provider that did not answer
 */
@Validated
@ConfigurationProperties("signin.http")
public record ProviderHttpProperties(@NotNull @DefaultValue("1MB") DataSize maxAnswerSize) {

	public ProviderHttpProperties {
		if (maxAnswerSize != null && (maxAnswerSize.toKilobytes() < 1 || maxAnswerSize.toMegabytes() > 1024)) {
			throw new IllegalArgumentException(
					"signin.http.max-answer-size must be between 1KB and 1GB, not " + maxAnswerSize);
		}
	}

}
