package io.github.oauthsignin.session;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The beans of the session store that {@link SessionStoreEnvironmentPostProcessor} chose, which leaves
 * {@code signin.sessions.store} set to {@code memory} or {@code database}.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = SessionStoreEnvironmentPostProcessor.STORE, havingValue = "memory")
	static class Memory {

		/** Also a Tomcat context customizer, to reach Tomcat's session manager: the concrete type is the bean's. */
		@Bean
		TomcatSignedInSessions signedInSessions() {
			return new TomcatSignedInSessions();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = SessionStoreEnvironmentPostProcessor.STORE, havingValue = "database")
	static class Database {

		@Bean
		SignedInSessions signedInSessions(JdbcTemplate jdbc) {
			return new DatabaseSignedInSessions(jdbc);
		}

		/**
		 * Spring Session JDBC reads and writes the session on nearly every request. By default it would do so in
		 * the application's transaction manager, which with JPA on the classpath opens a Hibernate session for every
		 * one of those plain SQL statements; a JDBC transaction manager on the same data source does the same work,
		 * atomically, without it. The name is the one Spring Session looks for
		 * ({@code JdbcHttpSessionConfiguration#setTransactionOperations}).
		 */
		@Bean
		@Qualifier("springSessionTransactionOperations")
		TransactionOperations springSessionTransactionOperations(DataSource dataSource) {
			return new TransactionTemplate(new JdbcTransactionManager(dataSource));
		}

	}

}
