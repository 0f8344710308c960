package io.github.oauthsignin.config;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session JDBC reads and writes the session on nearly every request. By default it would do so in the
 * application's transaction manager, which with JPA on the classpath opens a Hibernate session for every one of
 * those plain SQL statements; a JDBC transaction manager on the same data source does the same work, atomically,
 * without it.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	/** The name Spring Session looks for ({@code JdbcHttpSessionConfiguration#setTransactionOperations}). */
	@Bean
	@Qualifier("springSessionTransactionOperations")
	TransactionOperations springSessionTransactionOperations(DataSource dataSource) {
		return new TransactionTemplate(new JdbcTransactionManager(dataSource));
	}

}
