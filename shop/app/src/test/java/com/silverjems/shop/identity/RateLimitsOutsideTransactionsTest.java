package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A rate limit takes a pool connection of its own: asked from inside a transaction (which holds one
 * already) it fails at once, instead of deadlocking the pool once 20 sign-ins arrive together.
 */
class RateLimitsOutsideTransactionsTest {

  private final DataSource unused = new SimpleDriverDataSource();
  private final RateLimits limits = new RateLimits(unused, Clock.systemUTC());
  private final IdentityProperties.Limit limit =
      new IdentityProperties.Limit(5, Duration.ofMinutes(15));

  @AfterEach
  void endTransaction() {
    TransactionSynchronizationManager.setActualTransactionActive(false);
  }

  @Test
  void takingOrResettingALimitInsideATransactionIsRefused() {
    TransactionSynchronizationManager.setActualTransactionActive(true);

    assertThatThrownBy(() -> limits.take("login-ip", "10.0.0.1", limit))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before the transaction begins");
    assertThatThrownBy(() -> limits.reset("login-ip", "10.0.0.1", limit))
        .isInstanceOf(IllegalStateException.class);
  }
}
