package io.github.oauthsignin.user;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The accounts' sign-in histories.
 * @param retention how long a sign-in is kept; older ones are deleted every hour
 * @param shown how many of the latest sign-ins the account page lists
 */
@Validated
@ConfigurationProperties("signin.history")
public record SignInHistoryProperties(@NotNull @DefaultValue("90d") Duration retention,
		@Min(1) @Max(100) @DefaultValue("20") int shown) {
}
