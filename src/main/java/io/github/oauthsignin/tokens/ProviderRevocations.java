package io.github.oauthsignin.tokens;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.github.oauthsignin.signin.SignInProvider;
import io.github.oauthsignin.signin.SignInProviders;
import io.github.oauthsignin.tokens.KeptTokens.Held;

/**
 * Revokes forgotten tokens at their providers ({@link SignInProvider#revoke}), once the transaction that deleted them
 * has committed (at once outside one), so that a deletion never waits on a provider and a rolled-back one revokes
 * nothing. A provider that fails or does not answer is logged, and the revocation tried again later
 * ({@link RevocationRetries}): the tokens are gone from the account already.
 */
class ProviderRevocations {

	private static final Logger logger = LoggerFactory.getLogger(ProviderRevocations.class);

	private final SignInProviders providers;

	private final RevocationRetries retries;

	ProviderRevocations(SignInProviders providers, RevocationRetries retries) {
		this.providers = providers;
		this.retries = retries;
	}

	void revokeAfterCommit(List<Held> held) {
		List<Held> revocable = held.stream().filter((one) -> one.credentials() != null).toList();
		if (revocable.isEmpty()) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					revocable.forEach(ProviderRevocations.this::revoke);
				}
			});
		}
		else {
			revocable.forEach(this::revoke);
		}
	}

	private void revoke(Held held) {
		SignInProvider provider = this.providers.find(held.providerId()).orElse(null);
		if (provider == null) {
			logger.warn("Kept {} tokens of user {} deleted, not revoked: the provider is no longer configured",
					held.providerId(), held.principalName());
			return;
		}
		try {
			boolean revoked = provider.revoke(held.credentials());
			logger.info(revoked ? "Kept {} tokens of user {} deleted and revoked at the provider"
					: "Kept {} tokens of user {} deleted (the provider offers no revocation)", held.providerId(),
					held.principalName());
		}
		catch (RuntimeException ex) {
			logger.warn("Kept {} tokens of user {} deleted, but the provider did not revoke them (tried again later): {}",
					held.providerId(), held.principalName(), ex.getMessage());
			this.retries.later(held.providerId(), held.credentials());
		}
	}

}
