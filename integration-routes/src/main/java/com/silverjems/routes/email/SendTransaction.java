package com.silverjems.routes.email;

import org.apache.camel.Exchange;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * The send transaction of {@code email-send}, opened and closed by route steps (the route runs on
 * one thread, where Spring binds the transaction). Camel's {@code transacted()} is not used: it
 * marks a failed exchange rollback-only, which would stop the calling route from recording the
 * failure (reschedule, dead letter) that must follow the rollback.
 */
final class SendTransaction {

  private static final String STATUS = "SilverjemsSendTransaction";

  private final PlatformTransactionManager transactions;
  private final TransactionDefinition definition;

  SendTransaction(PlatformTransactionManager transactions) {
    this.transactions = transactions;
    DefaultTransactionDefinition definition =
        new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    definition.setName("email-send");
    this.definition = definition;
  }

  void begin(Exchange exchange) {
    exchange.setProperty(STATUS, transactions.getTransaction(definition));
  }

  void commit(Exchange exchange) {
    TransactionStatus status = exchange.getProperty(STATUS, TransactionStatus.class);
    exchange.removeProperty(STATUS);
    transactions.commit(status);
  }

  /** Rolls back a transaction the failure left open; nothing when none is. */
  void rollbackIfOpen(Exchange exchange) {
    TransactionStatus status = exchange.getProperty(STATUS, TransactionStatus.class);
    exchange.removeProperty(STATUS);
    if (status != null && !status.isCompleted()) {
      transactions.rollback(status);
    }
  }
}
