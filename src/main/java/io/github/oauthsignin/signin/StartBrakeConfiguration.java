package io.github.oauthsignin.signin;

import java.time.Duration;
import java.util.Locale;

import javax.sql.DataSource;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Where the start brake keeps its buckets: on PostgreSQL, where several instances share the database, in the table
 * {@code sign_in_brake} (Bucket4j's PostgreSQL support, a row locked with {@code SELECT … FOR UPDATE} per start), so
 * that a client address has one budget across all instances; elsewhere (H2, one instance) in memory. A row expires
 * once its bucket would be full again, and expired rows are deleted every minute, so the table holds only the
 * addresses active in the last minute or so.
 */
@Configuration(proxyBeanMethods = false)
class StartBrakeConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(StartBrakeConfiguration.class);

	@Bean
	SharedBrakeBuckets sharedBrakeBuckets(DataSource dataSource, @Value("${spring.datasource.url:}") String datasourceUrl) {
		return new SharedBrakeBuckets(isPostgres(datasourceUrl) ? SharedBrakeBuckets.proxies(dataSource) : null);
	}

	@Bean
	SignInStartLimiter signInStartLimiter(SignInProperties properties, SharedBrakeBuckets shared) {
		return (shared.proxies != null) ? SignInStartLimiter.shared(shared.proxies, properties)
				: SignInStartLimiter.inMemory(properties);
	}

	static boolean isPostgres(String datasourceUrl) {
		return datasourceUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
	}

	/**
	 * The buckets in {@code sign_in_brake} on PostgreSQL (none elsewhere), and the job that deletes the rows of
	 * buckets that have filled up again: nobody needs them, and the table stays bounded.
	 */
	static final class SharedBrakeBuckets {

		static final String TABLE = "sign_in_brake";

		private static final int BATCH = 1000;

		private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;

		SharedBrakeBuckets(PostgreSQLSelectForUpdateBasedProxyManager<String> proxies) {
			this.proxies = proxies;
		}

		static PostgreSQLSelectForUpdateBasedProxyManager<String> proxies(DataSource dataSource) {
			return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
				.primaryKeyMapper(PrimaryKeyMapper.STRING)
				.table(TABLE)
				.idColumn("id")
				.stateColumn("state")
				.expiresAtColumn("expires_at")
				.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5)))
				.build();
		}

		/** @return how many rows went */
		@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
		int removeExpired() {
			if (this.proxies == null) {
				return 0;
			}
			int removed = 0;
			int batch;
			do {
				batch = this.proxies.removeExpired(BATCH);
				removed += batch;
			}
			while (batch == BATCH);
			if (removed > 0) {
				logger.debug("Removed {} expired rows of {}", removed, TABLE);
			}
			return removed;
		}

	}

}
