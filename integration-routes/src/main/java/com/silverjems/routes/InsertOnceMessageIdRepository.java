package com.silverjems.routes;

import java.sql.Timestamp;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hub's idempotent repository (the email relay's send keys, the delivery events' SNS message
 * ids), plumbing two route groups share: Camel's JDBC idempotent repository, with one change to
 * {@link #add}: a single {@code INSERT ... ON CONFLICT DO NOTHING} instead of count-then-insert.
 * Inside the send transaction that insert takes the key's row lock, so a second instance that
 * claimed the same event (an expired lease) waits for the first to commit or roll back and then
 * knows whether the email went; count-then-insert would let both see 0 and both send. The table
 * comes from migration V24, not from here.
 */
public final class InsertOnceMessageIdRepository extends JdbcMessageIdRepository {

  public InsertOnceMessageIdRepository(
      String processorName, DataSource dataSource, TransactionTemplate transactions) {
    super(new JdbcTemplate(dataSource), transactions);
    setProcessorName(processorName);
    setCreateTableIfNotExists(false);
  }

  @Override
  public boolean add(String key) {
    return transactionTemplate.execute(
        status ->
            jdbcTemplate.update(
                    "INSERT INTO camel_messageprocessed (processorName, messageId, createdAt)"
                        + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    processorName,
                    key,
                    new Timestamp(System.currentTimeMillis()))
                == 1);
  }
}
