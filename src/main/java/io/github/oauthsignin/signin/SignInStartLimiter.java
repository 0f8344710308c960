package io.github.oauthsignin.signin;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * A brake on starting sign-ins: each client address (the connection's, or a named proxy's {@code X-Forwarded-For})
 * may start {@code signin.brake.starts-per-minute} sign-ins or connections a minute. Every start costs the app a
 * call to the provider (X's request token, an issuer's discovery), spent from our app's limits there, so a script
 * pressing the button in a loop must not reach the provider. One Bucket4j token bucket per address, refilled
 * gradually: in this instance's memory (a bounded Caffeine cache while the address is active) on a single instance,
 * or in the database, one budget for every instance ({@link StartBrakeConfiguration}).
 */
class SignInStartLimiter {

	static final Duration PERIOD = Duration.ofMinutes(1);

	private final Function<String, Bucket> buckets;

	private SignInStartLimiter(Function<String, Bucket> buckets) {
		this.buckets = buckets;
	}

	/** Buckets in this instance's memory, for at most {@code signin.brake.addresses} addresses at once. */
	static SignInStartLimiter inMemory(SignInProperties properties) {
		Supplier<BucketConfiguration> configuration = configuration(properties);
		Cache<String, Bucket> buckets = Caffeine.newBuilder()
			.expireAfterAccess(PERIOD.multipliedBy(2))
			.maximumSize(properties.brake().addresses())
			.build();
		return new SignInStartLimiter((address) -> buckets.get(address,
				(key) -> Bucket.builder().addLimit(configuration.get().getBandwidths()[0]).build()));
	}

	/** Buckets in a store every instance shares (Bucket4j's proxies, such as its PostgreSQL one). */
	static SignInStartLimiter shared(ProxyManager<String> proxies, SignInProperties properties) {
		Supplier<BucketConfiguration> configuration = configuration(properties);
		return new SignInStartLimiter((address) -> proxies.getProxy(address, configuration));
	}

	/**
	 * Takes one start from this address's allowance.
	 * @param clientAddress the client's address, or null when it is not one (such addresses share one allowance, so
	 * rotating junk gains nothing)
	 * @return whether it may start one now
	 */
	boolean tryStart(String clientAddress) {
		return this.buckets.apply((clientAddress != null) ? clientAddress : "-").tryConsume(1);
	}

	private static Supplier<BucketConfiguration> configuration(SignInProperties properties) {
		int startsPerMinute = properties.brake().startsPerMinute();
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(startsPerMinute).refillGreedy(startsPerMinute, PERIOD).build())
			.build();
		return () -> configuration;
	}

}
