package io.github.oauthsignin.operations;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.oauthsignin.signin.MisconfiguredProviders;
import io.github.oauthsignin.signin.ProviderDescriptor;
import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.signin.SignInProviders;

/**
 * What an operator sees of the providers: {@code /actuator/info} lists the configured ones (ids only, never a
 * secret), beside the build version Spring Boot adds from {@code META-INF/build-info.properties}; health has a
 * {@code signInProviders} component with one entry per provider, UP when configured, MISCONFIGURED after a sign-in
 * with it failed as not set up correctly (until one works), and UNKNOWN for a preset that is not configured. Health
 * never calls a provider: a provider's outage is not ours, and a health check must not spend our limits at the
 * provider; it reads what the last sign-in found ({@link MisconfiguredProviders}).
 */
@Configuration(proxyBeanMethods = false)
class OperatorViewsConfiguration {

	@Bean
	InfoContributor signInProvidersInfo(SignInProviders providers) {
		return (info) -> info.withDetail("signInProviders",
				providers.all().stream().map(SignInProvider::id).toList());
	}

	/**
	 * A provider's status once a sign-in with it has failed as not set up correctly, until one works again. Spring
	 * Boot's status aggregation orders only its own statuses (DOWN, OUT_OF_SERVICE, UP, UNKNOWN) and skips others,
	 * and answers 200 for a status it has no HTTP code for: one misconfigured provider never takes the instance out
	 * of a load balancer, while an operator sees which one it is.
	 */
	static final Status MISCONFIGURED = new Status("MISCONFIGURED", "A sign-in with it failed: not set up correctly");

	@Bean
	CompositeHealthContributor signInProvidersHealthContributor(SignInProviders providers,
			MisconfiguredProviders misconfigured) {
		Map<String, HealthIndicator> byProvider = new LinkedHashMap<>();
		Health configured = Health.up().withDetail("configured", true).build();
		Health unconfigured = Health.unknown().withDetail("configured", false).build();
		providers.all().forEach((provider) -> byProvider.put(provider.id(), () -> misconfigured
			.reason(provider.id())
			.map((reason) -> Health.status(MISCONFIGURED).withDetail("configured", true).withDetail("reason", reason)
				.build())
			.orElse(configured)));
		providers.unconfigured()
			.stream()
			.map(ProviderDescriptor::id)
			.forEach((id) -> byProvider.putIfAbsent(id, () -> unconfigured));
		return CompositeHealthContributor.fromMap(byProvider);
	}

}
