package io.github.oauthsignin.signin;

/** The store of a single instance, in its memory. */
class MemoryPendingAttemptsTests extends PendingAttemptStoreContract {

	@Override
	PendingAttemptStore newStore(SignInProperties.Pending limits) {
		return new MemoryPendingAttempts(limits, this.clock, this.registry);
	}

}
