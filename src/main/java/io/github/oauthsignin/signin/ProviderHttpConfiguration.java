package io.github.oauthsignin.signin;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The HTTP client every provider calls through, with the time limits of {@code signin.http.*}: a provider that
 * hangs costs the person a message after a few seconds, not a stuck page.
 * <p>
 * Its work runs on one small pool of reused threads. Without it, {@link JdkClientHttpRequestFactory} writes each
 * request body on a new thread of a {@code SimpleAsyncTaskExecutor}: a thread started and ended for every token
 * request.
 */
@Configuration(proxyBeanMethods = false)
class ProviderHttpConfiguration {

	@Bean(destroyMethod = "shutdown")
	ExecutorService providerHttpExecutor() {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				new CustomizableThreadFactory("provider-http-"));
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	@Bean
	ClientHttpRequestFactory providerRequestFactory(SignInProperties properties, ExecutorService providerHttpExecutor) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.http().connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(providerHttpExecutor)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client, providerHttpExecutor);
		factory.setReadTimeout(properties.http().readTimeout());
		return factory;
	}

}
