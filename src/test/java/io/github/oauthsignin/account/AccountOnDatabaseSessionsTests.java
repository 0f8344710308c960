package io.github.oauthsignin.account;

import org.springframework.test.context.TestPropertySource;

/**
 * Every account test again on the production session store, Spring Session JDBC, where signing out everywhere
 * deletes rows instead of expiring Tomcat's sessions.
 */
@TestPropertySource(properties = "signin.sessions.store=database")
class AccountOnDatabaseSessionsTests extends AccountTests {

}
