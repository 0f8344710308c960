package io.github.oauthsignin.providers.facebook;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;

import io.github.oauthsignin.account.AccountDeletion;

/** What the slices of {@link FacebookCallbacksController} stand in for: the registration, the database's work. */
abstract class FacebookCallbacksSlice {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ClientRegistrationRepository registrations;

	@MockitoBean
	DataDeletionRequests deletions;

	@MockitoBean
	AccountDeletion accounts;

	@MockitoBean
	SeenSignedRequests seen;

	@MockitoBean
	PlatformTransactionManager transactions;

}
