package io.github.oauthsignin.operations;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.oauthsignin.signin.ProviderDescriptor;
import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.signin.SignInProviders;

/**
 * What an operator sees of the providers: {@code /actuator/info} lists the configured ones (ids only, never a
 * secret), beside the build version Spring Boot adds from {@code META-INF/build-info.properties}; health has a
 * {@code signInProviders} component with one entry per provider, UP when configured and UNKNOWN for a preset that is
 * not. Health never calls a provider: a provider's outage is not ours, and a health check must not spend our limits
 * at the provider.
 */
@Configuration(proxyBeanMethods = false)
class OperatorViewsConfiguration {

	@Bean
	InfoContributor signInProvidersInfo(SignInProviders providers) {
		return (info) -> info.withDetail("signInProviders",
				providers.all().stream().map(SignInProvider::id).toList());
	}

	@Bean
	CompositeHealthContributor signInProvidersHealthContributor(SignInProviders providers) {
		Map<String, HealthIndicator> byProvider = new LinkedHashMap<>();
		Health configured = Health.up().withDetail("configured", true).build();
		Health unconfigured = Health.unknown().withDetail("configured", false).build();
		providers.all().forEach((provider) -> byProvider.put(provider.id(), () -> configured));
		providers.unconfigured()
			.stream()
			.map(ProviderDescriptor::id)
			.forEach((id) -> byProvider.putIfAbsent(id, () -> unconfigured));
		return CompositeHealthContributor.fromMap(byProvider);
	}

}
