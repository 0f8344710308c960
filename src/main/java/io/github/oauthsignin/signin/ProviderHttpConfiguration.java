package io.github.oauthsignin.signin;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.InterceptingClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Calls to providers go through Spring Boot's HTTP client ({@code RestClient.Builder} and the
 * {@code ClientHttpRequestFactory} it configures) with its settings, {@code spring.http.clients.*}:
 * {@code application.properties} sets short time limits (a provider that hangs costs the person a message after a
 * few seconds, not a stuck page) and no following of redirects. This adds what Boot has no setting for: a pool of
 * threads, and the bounds on every answer ({@link ProviderAnswerLimits}: {@code signin.http.max-answer-size}, and
 * the read timeout as a deadline for the whole answer).
 * <p>
 * Every call to a provider must be made with that client (a {@code RestClient.Builder} or the
 * {@code ClientHttpRequestFactory} bean, never a client of its own), so that it is bounded too.
 */
@Configuration(proxyBeanMethods = false)
class ProviderHttpConfiguration {

	/**
	 * One pool of reused threads for the JDK client and for writing request bodies. Without it the JDK client
	 * starts its own, and Spring's factory writes every body (the token request) on a new thread: the benchmark
	 * saw three thread starts per Facebook sign-in. Daemon threads that end after a minute idle, so the pool needs
	 * no shutdown and is not a bean (an Executor bean would displace Boot's applicationTaskExecutor).
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ClientHttpRequestFactoryBuilderCustomizer<JdkClientHttpRequestFactoryBuilder> providerHttpThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("provider-http-");
		threads.setDaemon(true);
		ExecutorService executor = Executors.newCachedThreadPool(threads);
		return (builder) -> builder.withExecutor(executor);
	}

	/**
	 * Bounds every answer, whichever client factory Boot builds: applied last, around the finished factory, with
	 * the read timeout of the settings it is built with.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	ClientHttpRequestFactoryBuilderCustomizer<ClientHttpRequestFactoryBuilder<?>> providerAnswerLimits(
			ProviderHttpProperties properties) {
		long maxBytes = properties.maxAnswerSize().toBytes();
		return (builder) -> (settings) -> new InterceptingClientHttpRequestFactory(builder.build(settings),
				List.of(new ProviderAnswerLimits(maxBytes, settings.readTimeout())));
	}

}
