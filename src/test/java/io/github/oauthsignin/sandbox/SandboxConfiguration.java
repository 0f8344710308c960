package io.github.oauthsignin.sandbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * What the sandbox adds to the app's context: the stand-in providers ({@link SandboxProviders}), and, once the
 * web server has its port, the app's callback URLs registered at them and one line saying where to go.
 * <p>
 * A {@code @TestConfiguration}, so that component scanning leaves it out of every test context (Spring Boot's test
 * type filter); {@link SandboxApplication} adds it explicitly.
 */
@TestConfiguration(proxyBeanMethods = false)
class SandboxConfiguration {

	/** The app's name on the stand-ins' consent pages, as on the app's own top bar. */
	static final String APP_NAME = "OAuth Sign-In";

	@Bean(destroyMethod = "close")
	static SandboxProviders sandboxProviders(ConfigurableEnvironment environment) {
		return SandboxProviders.start(environment, APP_NAME);
	}

	@Bean
	SandboxCallbacks sandboxCallbacks(SandboxProviders providers, Environment environment) {
		return new SandboxCallbacks(providers, environment);
	}

	/** Tells the stand-ins about the app's callback URLs as soon as the port is known, then tells people where to go. */
	static final class SandboxCallbacks {

		private static final Logger logger = LoggerFactory.getLogger(SandboxCallbacks.class);

		private final SandboxProviders providers;

		private final Environment environment;

		SandboxCallbacks(SandboxProviders providers, Environment environment) {
			this.providers = providers;
			this.environment = environment;
		}

		@EventListener
		void webServerStarted(WebServerInitializedEvent event) {
			if (event.getApplicationContext().getServerNamespace() == null) {
				this.providers.allowCallbacks(appUris(event.getWebServer().getPort()));
			}
		}

		@EventListener
		void ready(ApplicationReadyEvent event) {
			if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
				logger.info("Sandbox: open {} and sign in with a stand-in provider ({}): no account, no setting "
						+ "needed.", appUris(web.getWebServer().getPort()).get(0), this.providers.addresses()
							.entrySet()
							.stream()
							.map((address) -> address.getKey() + " at " + address.getValue())
							.collect(Collectors.joining(", ")));
			}
		}

		/**
		 * The addresses a browser may open the app at, each one a different callback URL to the providers:
		 * localhost and 127.0.0.1, and {@code signin.public-url} when set.
		 */
		List<URI> appUris(int port) {
			String contextPath = this.environment.getProperty("server.servlet.context-path", "");
			List<URI> uris = new ArrayList<>();
			uris.add(URI.create("http://localhost:" + port + contextPath));
			uris.add(URI.create("http://127.0.0.1:" + port + contextPath));
			String publicUrl = this.environment.getProperty("signin.public-url");
			if (publicUrl != null && !publicUrl.isBlank()) {
				uris.add(URI.create(publicUrl));
			}
			return uris;
		}

	}

}
