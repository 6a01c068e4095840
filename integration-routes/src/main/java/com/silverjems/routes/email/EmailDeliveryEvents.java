package com.silverjems.routes.email;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the delivery-events group may do to the hub's emails, and all it may: find the send an SES
 * event is about, record the event, suppress the addresses that bounced hard or complained, send
 * again after a soft bounce (or give up), and count what became of the email. The tables, the
 * backoff and the dead-letter log line stay this package's.
 */
public final class EmailDeliveryEvents {

  private final EmailRecords records;
  private final Suppressions suppressions;
  private final EmailMetrics metrics;

  EmailDeliveryEvents(EmailRecords records, Suppressions suppressions, EmailMetrics metrics) {
    this.records = records;
    this.suppressions = suppressions;
    this.metrics = metrics;
  }

  /** The send an event is about, by the message id SES returned; empty for mail others sent. */
  public Optional<SentEmail> findSend(String sesMessageId) {
    return records.findBySesMessageId(sesMessageId);
  }

  public void delivered(String sesMessageId, String detail) {
    records.recordDeliveryEvent(sesMessageId, "delivered", detail);
  }

  public void delayed(String sesMessageId, String detail) {
    records.recordDeliveryEvent(sesMessageId, "delayed", detail);
  }

  /** A complaint: the addresses are never mailed again (until an admin lifts them). */
  public void complained(String sesMessageId, List<String> recipients, String detail) {
    recipients.forEach(
        address ->
            suppressions.suppress(address, Suppressions.Reason.COMPLAINT, detail, sesMessageId));
    records.recordDeliveryEvent(sesMessageId, "complained", detail);
  }

  /** A permanent bounce: the addresses are never mailed again (until an admin lifts them). */
  public void hardBounced(String sesMessageId, List<String> recipients, String detail) {
    recipients.forEach(
        address ->
            suppressions.suppress(address, Suppressions.Reason.HARD_BOUNCE, detail, sesMessageId));
    records.recordDeliveryEvent(sesMessageId, "hard_bounced", detail);
  }

  /**
   * A soft bounce (mailbox full, server down) may pass: our own email is sent again later, up to
   * the limit, then dead-lettered so that someone looks.
   *
   * @param send our send the bounce is about; empty for mail others sent (only recorded)
   * @return what became of the email, to count once the transaction committed: {@link
   *     EmailOutcome#RETRIED}, {@link EmailOutcome#DEAD_LETTERED}, or empty when nothing changed
   *     (another report of a bounce already acted on)
   */
  public Optional<EmailOutcome> softBounced(
      String sesMessageId, Optional<SentEmail> send, String detail, Resends resends) {
    records.recordDeliveryEvent(sesMessageId, "soft_bounced", detail);
    return send.flatMap(sent -> resendOrGiveUp(sent, detail, resends));
  }

  private Optional<EmailOutcome> resendOrGiveUp(SentEmail send, String detail, Resends resends) {
    if (send.generation() < resends.max()) {
      return records.scheduleResend(
              send.outboxEventId(), send.generation(), resends.delayBefore(send.generation() + 1))
          ? Optional.of(EmailOutcome.RETRIED)
          : Optional.empty();
    }
    String reason = "soft-bounced " + (send.generation() + 1) + " times, last: " + detail;
    long deadLetter =
        records.deadLetter(
            send.outboxEventId(),
            send.eventType(),
            send.recipient(),
            reason,
            send.generation() + 1);
    RelayFailures.logDeadLetter(
        deadLetter, send.outboxEventId(), send.eventType(), send.recipient(), reason);
    return Optional.of(EmailOutcome.DEAD_LETTERED);
  }

  /** Counts one outcome under {@code silverjems_email_total}, as the relay counts its own. */
  public void count(String eventType, EmailOutcome outcome) {
    metrics.count(eventType, outcome);
  }

  /**
   * One email the relay sent (a row of {@code email_send}).
   *
   * @param generation the resend generation it was sent as
   * @param status {@code sent}, {@code delivered}, {@code soft_bounced}, ...
   */
  public record SentEmail(
      UUID outboxEventId, int generation, String eventType, String recipient, String status) {}
}
