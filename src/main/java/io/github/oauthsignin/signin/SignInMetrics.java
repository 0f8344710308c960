package io.github.oauthsignin.signin;

import java.util.Locale;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Sign-in metrics, in Micrometer's registry: how sign-ins end, per provider ({@code signin.outcomes}), how long the
 * callback takes ({@code signin.callback}) and each call to a provider ({@code signin.provider.calls}). With metrics
 * off (the default: no registry is configured, so Spring Boot's is a no-op one) recording costs a lookup in an
 * empty registry. Tags are a provider id that exists (unknown ones are refused before anything is recorded) and the
 * fixed values below, so the number of series stays small.
 */
@Component
public class SignInMetrics {

	private final MeterRegistry registry;

	public SignInMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** One sign-in ended this way. */
	public void count(String providerId, Outcome outcome) {
		Counter.builder("signin.outcomes")
			.description("Sign-ins by provider and how they ended")
			.tag("provider", providerId)
			.tag("outcome", outcome.tag())
			.register(this.registry)
			.increment();
	}

	/** Starts timing a callback. */
	public Timer.Sample startCallback() {
		return Timer.start(this.registry);
	}

	/** Stops timing the callback of this provider. */
	public void stopCallback(Timer.Sample callback, String providerId) {
		callback.stop(Timer.builder("signin.callback")
			.description("The callback request of a sign-in, from the provider's answer to the person signed in")
			.tag("provider", providerId)
			.register(this.registry));
	}

	/** Runs one call to a provider, timed, whether it answers or fails. */
	public <T> T timeCall(String providerId, Step step, Supplier<T> call) {
		Timer.Sample sample = Timer.start(this.registry);
		try {
			return call.get();
		}
		finally {
			sample.stop(Timer.builder("signin.provider.calls")
				.description("Calls to sign-in providers, by provider and step")
				.tag("provider", providerId)
				.tag("step", step.tag())
				.register(this.registry));
		}
	}

	/** How a sign-in ended. */
	public enum Outcome {

		/** Signed in, and registered by this sign-in. */
		SUCCESS_NEW,

		/** Signed in to an existing account. */
		SUCCESS_RETURNING,

		/** The person said no at the provider. */
		CANCELLED,

		/** The callback matched no attempt pending for this browser: expired, used, or forged. */
		EXPIRED,

		/** The provider failed, or its answer failed our checks. */
		PROVIDER_FAILED,

		/** The provider is not set up correctly (its settings or ours): no retry helps until one changes. */
		MISCONFIGURED,

		/** Refused before contacting the provider: too many sign-ins started from that address. */
		RATE_LIMITED;

		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** A call to a provider. */
	public enum Step {

		/** OAuth 1.0a's first leg. */
		REQUEST_TOKEN,

		/** The code (OAuth 2) or the approved request token (OAuth 1.0a) exchanged for an access token. */
		TOKEN,

		/** The person's profile (UserInfo, Graph, verify_credentials, GitHub's emails). */
		PROFILE;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
