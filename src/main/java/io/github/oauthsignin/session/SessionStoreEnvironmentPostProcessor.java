package io.github.oauthsignin.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.github.oauthsignin.config.InvalidSettingException;

/**
 * Chooses the session store ({@link SessionStore}) once the configuration is read and before auto-configuration
 * runs, because the choice decides which auto-configuration runs: with {@code memory}, Spring Boot's
 * {@code JdbcSessionAutoConfiguration} is excluded (added to {@code spring.autoconfigure.exclude}), so no Spring
 * Session filter is installed and Tomcat keeps the sessions, as in any Spring Boot app without Spring Session.
 * {@code signin.sessions.store} is left resolved, {@code memory} or {@code database}, for the beans that depend on it,
 * and with {@code memory}, {@code server.servlet.session.store-dir} an absolute directory beside the data
 * ({@link SessionStoreDirectory}).
 */
class SessionStoreEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String STORE = "signin.sessions.store";

	static final String JDBC_SESSIONS = "org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration";

	private static final String EXCLUDE = "spring.autoconfigure.exclude";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		SessionStore store = setting(binder).resolve(environment.getProperty("spring.datasource.url"));
		Map<String, Object> resolved = new LinkedHashMap<>();
		resolved.put(STORE, store.name().toLowerCase(Locale.ROOT));
		if (store == SessionStore.MEMORY) {
			List<String> excluded = new ArrayList<>(
					binder.bind(EXCLUDE, Bindable.listOf(String.class)).orElse(List.of()));
			excluded.add(JDBC_SESSIONS);
			resolved.put(EXCLUDE, String.join(",", excluded));
			resolved.put(SessionStoreDirectory.PROPERTY,
					SessionStoreDirectory
						.resolve(environment.getProperty(SessionStoreDirectory.PROPERTY),
								environment.getProperty("spring.datasource.url"),
								Path.of(environment.getProperty("user.dir", "")).toAbsolutePath(),
								Path.of(environment.getProperty("user.home", "")).toAbsolutePath())
						.toString());
		}
		environment.getPropertySources().addFirst(new MapPropertySource("signinSessionStore", resolved));
	}

	private static SessionStore setting(Binder binder) {
		try {
			return binder.bind(STORE, SessionStore.class).orElse(SessionStore.AUTO);
		}
		catch (BindException ex) {
			throw new InvalidSettingException(STORE, "must be auto, memory or database");
		}
	}

}
