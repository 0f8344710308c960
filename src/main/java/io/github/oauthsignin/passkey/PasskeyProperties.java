package io.github.oauthsignin.passkey;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the app acts as a WebAuthn relying party. Its origin is {@code signin.public-url} when set, otherwise the
 * request's (as the trusted proxy reports it).
 * @param rpId the relying party id passkeys are made for: the host of {@code signin.public-url} unless set, or a
 * domain that host belongs to (such as {@code example.com} for {@code https://signin.example.com}); only with
 * {@code signin.public-url}. Without either, the host of each request.
 * @param rpName the name an authenticator may show beside the passkey
 * @param timeout how long the browser may take to answer a challenge; an older answer is refused
 */
@Validated
@ConfigurationProperties("signin.passkeys")
public record PasskeyProperties(String rpId, @NotBlank @DefaultValue("OAuth Sign-In") String rpName,
		@NotNull @DefaultValue("5m") Duration timeout) {
}
