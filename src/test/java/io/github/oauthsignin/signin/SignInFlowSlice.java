package io.github.oauthsignin.signin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What the sign-in and connect controllers share, real in their slices: how a start reaches the provider
 * ({@link SignInStarts}; its brake, {@link SignInStartLimiter}, is the test's mock) and how a failure is told
 * ({@link SignInFailures}, its metrics in memory), and how a provider's form post reaches the callback
 * ({@link FormPostAnswers}).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ SignInFailures.class, SignInStarts.class, SignInMetrics.class, MisconfiguredProviders.class,
		FormPostAnswers.class })
class SignInFlowSlice {

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

}
