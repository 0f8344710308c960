package io.github.oauthsignin.availability;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Keeps pages answering, with a clear 503, while the database is away. */
@Configuration(proxyBeanMethods = false)
class AvailabilityConfiguration {

	@Bean
	FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(DataSource dataSource) {
		FilterRegistrationBean<DatabaseOutageFilter> registration = new FilterRegistrationBean<>(
				new DatabaseOutageFilter(dataSource));
		// Ahead of Spring Session's filter (Integer.MIN_VALUE + 50), which reads the session from the database.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

}
