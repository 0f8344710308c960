package io.github.oauthsignin.security;

import org.springframework.test.context.TestPropertySource;


/** The same visitors on the production store, Spring Session JDBC: no row of {@code spring_session} for them. */
@TestPropertySource(properties = "signin.sessions.store=database")
class AnonymousVisitorsOnDatabaseSessionsTests extends AnonymousVisitorsTests {

}
