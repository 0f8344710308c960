package io.github.oauthsignin.signin;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

/**
 * A brake on starting sign-ins: each client address (as the trusted proxy reports it) may start
 * {@code signin.brake.starts-per-minute} sign-ins or connections a minute. Every start costs the app a call to the
 * provider (X's request token, an issuer's discovery), spent from our app's limits there, so a script pressing the
 * button in a loop must not reach the provider. One Bucket4j token bucket per address, refilled gradually, kept in a
 * bounded Caffeine cache while the address is active; limits are per instance.
 */
@Component
class SignInStartLimiter {

	private static final Duration PERIOD = Duration.ofMinutes(1);

	private final int startsPerMinute;

	private final Cache<String, Bucket> buckets;

	SignInStartLimiter(SignInProperties properties) {
		this.startsPerMinute = properties.brake().startsPerMinute();
		this.buckets = Caffeine.newBuilder()
			.expireAfterAccess(PERIOD.multipliedBy(2))
			.maximumSize(properties.brake().addresses())
			.build();
	}

	/**
	 * Takes one start from this address's allowance.
	 * @return whether it may start one now
	 */
	boolean tryStart(String clientAddress) {
		String key = (clientAddress != null) ? clientAddress : "";
		return this.buckets.get(key, (address) -> newBucket()).tryConsume(1);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(this.startsPerMinute).refillGreedy(this.startsPerMinute, PERIOD).build())
			.build();
	}

}
