package com.silverjems.shop.identity;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Bucket4j buckets kept in PostgreSQL ({@code rate_limit_bucket}), one row per key, updated under
 * {@code SELECT ... FOR UPDATE}: every replica of the shop draws from the same bucket. (Bucket4j
 * 8.19 ships no PostgreSQL module, so this is its select-for-update protocol on plain JDBC.)
 */
class PostgresBuckets extends AbstractSelectForUpdateBasedProxyManager<String> {

  private final DataSource dataSource;
  private final ExpirationAfterWriteStrategy expiration;
  private final Clock clock;

  PostgresBuckets(DataSource dataSource, ExpirationAfterWriteStrategy expiration, Clock clock) {
    super(ClientSideConfig.getDefault().withExpirationAfterWriteStrategy(expiration));
    this.dataSource = dataSource;
    this.expiration = expiration;
    this.clock = clock;
  }

  @Override
  public boolean isExpireAfterWriteSupported() {
    return true;
  }

  @Override
  public void removeProxy(String key) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM rate_limit_bucket WHERE id = ?")) {
      delete.setString(1, key);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessResourceFailureException("Could not delete rate limit " + key, e);
    }
  }

  /** Deletes buckets that have refilled completely: they hold nothing worth keeping. */
  int removeExpired() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM rate_limit_bucket WHERE expires_at < ?")) {
      delete.setLong(1, clock.millis());
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessResourceFailureException("Could not delete expired rate limits", e);
    }
  }

  @Override
  protected SelectForUpdateBasedTransaction allocateTransaction(
      String key, Optional<Long> requestTimeoutNanos) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new DataAccessResourceFailureException("No database connection for rate limits", e);
    }
    return new SelectForUpdateBasedTransaction() {
      @Override
      public void begin(Optional<Long> timeout) {
        run(() -> connection.setAutoCommit(false));
      }

      @Override
      public LockAndGetResult tryLockAndGet(Optional<Long> timeout) {
        return call(
            () -> {
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT state FROM rate_limit_bucket WHERE id = ? FOR UPDATE")) {
                applyTimeout(select, timeout);
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                  return row.next()
                      ? LockAndGetResult.locked(row.getBytes(1))
                      : LockAndGetResult.notLocked();
                }
              }
            });
      }

      @Override
      public boolean tryInsertEmptyData(Optional<Long> timeout) {
        return call(
            () -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO rate_limit_bucket (id) VALUES (?) ON CONFLICT (id) DO NOTHING")) {
                applyTimeout(insert, timeout);
                insert.setString(1, key);
                insert.executeUpdate();
                // Inserted by us or by a racing replica: either way the row exists to lock now.
                return true;
              }
            });
      }

      @Override
      public void update(byte[] data, RemoteBucketState newState, Optional<Long> timeout) {
        run(
            () -> {
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "UPDATE rate_limit_bucket SET state = ?, expires_at = ? WHERE id = ?")) {
                applyTimeout(update, timeout);
                long now = clock.millis();
                update.setBytes(1, data);
                update.setLong(
                    2, now + expiration.calculateTimeToLiveMillis(newState, now * 1_000_000));
                update.setString(3, key);
                update.executeUpdate();
              }
            });
      }

      @Override
      public void commit(Optional<Long> timeout) {
        run(connection::commit);
      }

      @Override
      public void rollback() {
        run(connection::rollback);
      }

      @Override
      public void release() {
        run(connection::close);
      }
    };
  }

  private interface SqlAction {
    void run() throws SQLException;
  }

  private interface SqlCall<T> {
    T call() throws SQLException;
  }

  private static void run(SqlAction action) {
    call(
        () -> {
          action.run();
          return null;
        });
  }

  private static <T> T call(SqlCall<T> call) {
    try {
      return call.call();
    } catch (SQLException e) {
      throw new DataAccessResourceFailureException("Rate limit storage failed", e);
    }
  }
}
