package io.github.oauthsignin.config;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plain JDBC transactions for Spring Session's own statements. By default Spring Session JDBC runs every read and
 * write of a session in a transaction of the application's transaction manager, which here is JPA's: each of them
 * opened and closed a Hibernate session around two or three SQL statements, about an eighth of the app's CPU per
 * sign-in (see bench/README.md). The statements and their atomicity are the same; a JPA transaction already open
 * when a session is saved is joined, as before, because both managers bind the same connection.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	/** Found by name by Spring Session JDBC ({@code JdbcHttpSessionConfiguration}). */
	@Bean
	TransactionOperations springSessionTransactionOperations(DataSource dataSource) {
		return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

}
