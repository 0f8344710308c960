package io.github.oauthsignin.signin;

import java.net.http.HttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * The HTTP client every provider calls through, with the time limits of {@code signin.http.*}: a provider that
 * hangs costs the person a message after a few seconds, not a stuck page.
 */
@Configuration(proxyBeanMethods = false)
class ProviderHttpConfiguration {

	@Bean
	ClientHttpRequestFactory providerRequestFactory(SignInProperties properties) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.http().connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(properties.http().readTimeout());
		return factory;
	}

}
