package io.github.oauthsignin.security;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * "Keep me signed in".
 * @param validity how long a remembered browser stays signed in without signing in again
 * @param cookieName the name of the remember-me cookie
 */
@Validated
@ConfigurationProperties("signin.remember-me")
public record RememberMeProperties(@NotNull @DefaultValue("30d") Duration validity,
		@NotBlank @DefaultValue("remember-me") String cookieName) {
}
