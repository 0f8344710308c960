package io.github.oauthsignin.providers.apple;

import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of Sign in with Apple beyond its four variables and the standard endpoint properties.
 * @param revocationUri where tokens are revoked when an account is deleted
 * @param notificationAudiences the {@code aud} values accepted in server-to-server notifications; empty means the
 * client id (the Services ID). Apple has been seen to send the primary App ID of the group instead: list it here
 * with the Services ID.
 */
@Validated
@ConfigurationProperties("signin.providers.apple")
record AppleProperties(@NotNull @DefaultValue("https://appleid.apple.com/auth/revoke") URI revocationUri,
		@DefaultValue List<String> notificationAudiences) {
}
