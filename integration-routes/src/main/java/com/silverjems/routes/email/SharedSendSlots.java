package com.silverjems.routes.email;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Send slots booked on the one {@code email_send_pace} row (V25): every email task of the account
 * books from the same timeline, so together they keep to the configured rate, whatever their
 * number. One short auto-committed UPDATE per email; the row lock serialises bookings for
 * microseconds, in a transaction of its own (the send transaction it is called from must not hold
 * the row lock until SES answers). Times are the database's clock, so hosts whose clocks differ
 * still agree; the answer is a duration, waited on this host's clock.
 */
final class SharedSendSlots implements SendSlots {

  private static final String BOOK =
      """
      WITH now AS (SELECT clock_timestamp() AS at)
      UPDATE email_send_pace
         SET next_slot = greatest(next_slot, now.at + :notBefore * interval '1 microsecond')
                         + :interval * interval '1 microsecond'
        FROM now
       WHERE id = 1
      RETURNING CAST(extract(epoch FROM next_slot - now.at) * 1000000 AS bigint) - :interval
      """;

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;

  SharedSendSlots(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    ownTransaction.setName("email-send-slot");
  }

  @Override
  public long book(long intervalNanos, long notBeforeNanos) {
    Long waitMicros =
        ownTransaction.execute(
            status ->
                jdbc.sql(BOOK)
                    .param("interval", intervalNanos / 1000)
                    .param("notBefore", notBeforeNanos / 1000)
                    .query(Long.class)
                    .single());
    return Math.max(0, waitMicros) * 1000;
  }
}
