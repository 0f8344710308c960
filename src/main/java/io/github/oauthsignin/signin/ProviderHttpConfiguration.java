package io.github.oauthsignin.signin;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The HTTP client every provider calls through, with the time limits of {@code signin.http.*}: a provider that
 * hangs costs the person a message after a few seconds, not a stuck page.
 */
@Configuration(proxyBeanMethods = false)
class ProviderHttpConfiguration {

	@Bean
	ClientHttpRequestFactory providerRequestFactory(SignInProperties properties) {
		// One pool of reused threads for the client and for writing request bodies. Without it Spring's factory
		// writes every body (the token request) on a new SimpleAsyncTaskExecutor thread: the benchmark saw three
		// thread starts per Facebook sign-in. Daemon threads that end after a minute idle, so the pool needs no
		// shutdown and is not a bean (an Executor bean would displace Boot's applicationTaskExecutor).
		ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("provider-http-"));
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.http().connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(executor)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client, executor);
		factory.setReadTimeout(properties.http().readTimeout());
		return factory;
	}

	private static ThreadFactory daemonThreads(String namePrefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(namePrefix);
		threads.setDaemon(true);
		return threads;
	}

}
