package com.silverjems.shop.identity;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Named rate limits (Bucket4j token buckets in PostgreSQL). Keys that would name a person (an email
 * address) are stored as a SHA-256, so the bucket table is no list of who tried to sign in.
 *
 * <p>Each call takes a pool connection of its own (the bucket row is locked in its own short
 * transaction), so a caller must not be inside a transaction: holding one connection while waiting
 * for a second is a deadlock once as many callers as the pool has connections arrive together.
 * Calls inside a transaction fail at once, loudly, rather than only under load.
 */
@Component
public class RateLimits {

  private final PostgresBuckets buckets;

  RateLimits(DataSource dataSource, Clock clock) {
    this.buckets =
        new PostgresBuckets(
            dataSource,
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO),
            clock);
  }

  /**
   * Takes one attempt from the bucket {@code scope:key}.
   *
   * @return how long to wait when the limit is used up, or {@link Duration#ZERO} when allowed
   */
  Duration take(String scope, String key, IdentityProperties.Limit limit) {
    return take(scope, key, limit.attempts(), limit.window());
  }

  /**
   * Takes one attempt from the bucket {@code scope:key} allowing {@code attempts} per {@code
   * window} (for limits of other modules, e.g. carts per client address).
   *
   * @return how long to wait when the limit is used up, or {@link Duration#ZERO} when allowed
   */
  public Duration take(String scope, String key, int attempts, Duration window) {
    IdentityProperties.Limit limit = new IdentityProperties.Limit(attempts, window);
    requireNoTransaction();
    ConsumptionProbe probe = bucket(scope, key, limit).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }

  /** Fills the bucket again (a correct password or code proves the attempts were the owner's). */
  void reset(String scope, String key, IdentityProperties.Limit limit) {
    requireNoTransaction();
    bucket(scope, key, limit).reset();
  }

  private static void requireNoTransaction() {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "Rate limits take a connection of their own: check them before the transaction begins");
    }
  }

  private BucketProxy bucket(String scope, String key, IdentityProperties.Limit limit) {
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(
                bandwidth ->
                    bandwidth
                        .capacity(limit.attempts())
                        .refillIntervally(limit.attempts(), limit.window()))
            .build();
    return buckets.builder().build(scope + ":" + hash(key), () -> configuration);
  }

  private static String hash(String key) {
    return HexFormat.of().formatHex(EmailTokens.sha256(key)).substring(0, 32);
  }

  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
  void removeExpired() {
    buckets.removeExpired();
  }
}
