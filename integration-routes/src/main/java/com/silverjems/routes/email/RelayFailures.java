package com.silverjems.routes.email;

import java.time.Duration;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the relay does when handling an outbox event failed (called from the {@code email-outbox}
 * route configuration of {@link EmailErrorPolicy}): slow down on throttling, retry later with
 * backoff, or dead-letter. Every path writes to the database before the exchange ends, so a crash
 * in between leaves the claim to expire and the event to be tried again.
 */
final class RelayFailures {

  private static final Logger log = LoggerFactory.getLogger(RelayFailures.class);

  private final EmailRecords records;
  private final SendRateLimiter limiter;
  private final Backoff backoff;
  private final int maxAttempts;

  private final SendTransaction transaction;

  RelayFailures(
      SendTransaction transaction,
      EmailRecords records,
      SendRateLimiter limiter,
      Backoff backoff,
      int maxAttempts) {
    this.transaction = transaction;
    this.records = records;
    this.limiter = limiter;
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
  }

  void handle(Exchange exchange) {
    // First undo the send transaction, if the failure left it open: the idempotency key must not
    // survive a send that did not happen, and what follows must not join that transaction.
    transaction.rollbackIfOpen(exchange);
    Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    Message in = exchange.getIn();
    UUID outboxId = UUID.fromString(in.getHeader(EmailHeaders.OUTBOX_ID, String.class));
    String eventType = in.getHeader(EmailHeaders.EVENT_TYPE, String.class);
    int attempts = in.getHeader(EmailHeaders.ATTEMPTS, 1, Integer.class);
    String recipient = in.getHeader(EmailHeaders.RECIPIENT, String.class);
    String reason = SendFailure.describe(failure);
    SendFailure kind = SendFailure.classify(failure);
    if (kind == SendFailure.TRANSIENT && attempts >= maxAttempts) {
      reason = "gave up after " + attempts + " attempts; last failure: " + reason;
      kind = SendFailure.PERMANENT;
    }
    switch (kind) {
      case THROTTLED -> {
        limiter.onThrottled();
        Duration pause = limiter.currentPause();
        records.reschedule(outboxId, pause, reason, false);
        in.setHeader(EmailHeaders.OUTCOME, EmailOutcome.THROTTLED.label());
        log.info(
            "SES throttled the email for outbox event {}; pausing sends for {}", outboxId, pause);
      }
      case TRANSIENT -> {
        Duration delay = backoff.delayAfter(attempts);
        records.reschedule(outboxId, delay, reason, true);
        in.setHeader(EmailHeaders.OUTCOME, EmailOutcome.RETRIED.label());
        log.warn(
            "Email for outbox event {} ({}) failed on attempt {}/{}, retrying in {}: {}",
            outboxId,
            eventType,
            attempts,
            maxAttempts,
            delay,
            reason);
      }
      case PERMANENT -> {
        long deadLetter = records.deadLetter(outboxId, eventType, recipient, reason, attempts);
        in.setHeader(EmailHeaders.OUTCOME, EmailOutcome.DEAD_LETTERED.label());
        logDeadLetter(deadLetter, outboxId, eventType, recipient, reason);
      }
    }
  }

  /** The line an on-call engineer acts on: what, to whom, why, and how to send it again. */
  static void logDeadLetter(
      long deadLetter, UUID outboxId, String eventType, String recipient, String reason) {
    log.error(
        "EMAIL DEAD-LETTERED id={} outbox_event={} type={} to={} reason=\"{}\" -- fix the cause,"
            + " then re-drive: POST /api/admin/email/dead-letters/{}/redrive",
        deadLetter,
        outboxId,
        eventType,
        mask(recipient),
        reason,
        deadLetter);
  }

  /** j***@example.com: enough to recognise an address in a ticket, not to harvest it from logs. */
  static String mask(String email) {
    if (email == null || email.indexOf('@') < 1) {
      return "?";
    }
    return email.charAt(0) + "***" + email.substring(email.indexOf('@'));
  }
}
