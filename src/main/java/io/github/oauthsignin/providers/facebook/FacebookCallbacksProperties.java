package io.github.oauthsignin.providers.facebook;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Facebook's data-deletion and deauthorize callbacks.
 * @param signedRequestMaxAge how old a {@code signed_request} may be (by its {@code issued_at}) to be acted on; a
 * request is remembered that long, so that a replay changes nothing
 */
@Validated
@ConfigurationProperties("signin.facebook")
public record FacebookCallbacksProperties(
		@NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration signedRequestMaxAge) {
}
