package io.github.oauthsignin.signin;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by every provider.
 * @param publicUrl the address people reach the app at, such as {@code https://signin.example.com}; callback URLs
 * sent to providers are built on it. When unset they are built from the request (and the proxy's
 * {@code X-Forwarded-*} headers).
 * @param http time limits for every call to a provider
 * @param pending limits on sign-ins started but not yet finished
 */
@Validated
@ConfigurationProperties("signin")
public record SignInProperties(URI publicUrl, @Valid @DefaultValue Http http, @Valid @DefaultValue Pending pending) {

	/**
	 * @param connectTimeout how long to wait for a provider to accept the connection
	 * @param readTimeout how long to wait for a provider's answer
	 */
	public record Http(@NotNull @DefaultValue("5s") Duration connectTimeout,
			@NotNull @DefaultValue("10s") Duration readTimeout) {
	}

	/**
	 * @param maxPerSession how many unfinished sign-ins one browser may have at once; the oldest goes first
	 * @param timeout how long a person may take at the provider before the attempt expires
	 */
	public record Pending(@Min(1) @Max(20) @DefaultValue("3") int maxPerSession,
			@NotNull @DefaultValue("10m") Duration timeout) {
	}

}
