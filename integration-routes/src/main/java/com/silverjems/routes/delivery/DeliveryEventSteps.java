package com.silverjems.routes.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.routes.email.Backoff;
import com.silverjems.routes.email.EmailMetrics;
import com.silverjems.routes.email.EmailOutcome;
import com.silverjems.routes.email.EmailRecords;
import com.silverjems.routes.email.EmailRecords.SendRecord;
import com.silverjems.routes.email.RelayFailures;
import com.silverjems.routes.email.Suppressions;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The steps of {@link DeliveryEventRoutes}: verify, then apply an SES event to our records. */
public final class DeliveryEventSteps {

  static final String EVENT = "SilverjemsSesEvent";
  private static final String APPLIED_OUTCOME = "SilverjemsAppliedEmailOutcome";
  private static final String APPLIED_EVENT_TYPE = "SilverjemsAppliedEmailEventType";

  private static final Logger log = LoggerFactory.getLogger(DeliveryEventSteps.class);

  private final ObjectMapper json;
  private final SnsSignatureVerifier verifier;
  private final Suppressions suppressions;
  private final EmailRecords records;
  private final EmailMetrics emailMetrics;
  private final DeliveryMetrics deliveryMetrics;
  private final Backoff resendBackoff;
  private final int maxResends;

  DeliveryEventSteps(
      ObjectMapper json,
      SnsSignatureVerifier verifier,
      Suppressions suppressions,
      EmailRecords records,
      EmailMetrics emailMetrics,
      DeliveryMetrics deliveryMetrics,
      Backoff resendBackoff,
      int maxResends) {
    this.json = json;
    this.verifier = verifier;
    this.suppressions = suppressions;
    this.records = records;
    this.emailMetrics = emailMetrics;
    this.deliveryMetrics = deliveryMetrics;
    this.resendBackoff = resendBackoff;
    this.maxResends = maxResends;
  }

  /**
   * Parses the SNS envelope, verifies its signature and parses the SES event: nothing is written
   * before all three passed.
   *
   * @throws RejectedNotification for a forged or malformed message
   */
  public void verify(Exchange exchange) {
    Message in = exchange.getIn();
    SnsMessage sns = SnsMessage.parse(json, in.getBody(String.class));
    verifier.verify(sns);
    in.setHeader(DeliveryHeaders.SNS_MESSAGE_ID, sns.messageId());
    in.setHeader(DeliveryHeaders.IS_NOTIFICATION, sns.isNotification());
    if (sns.isNotification()) {
      exchange.setProperty(EVENT, SesEvent.parse(json, sns.message()));
    } else {
      // SQS subscriptions need no confirmation; a genuine confirmation message is only noted.
      log.info("SNS {} for {} acknowledged", sns.type(), sns.topicArn());
    }
  }

  /** Applies the event; runs in the transaction that also records the SNS message id. */
  public void apply(Exchange exchange) {
    SesEvent event = exchange.getProperty(EVENT, SesEvent.class);
    Message in = exchange.getIn();
    Optional<SendRecord> send = records.findBySesMessageId(event.sesMessageId());
    if (send.isEmpty() && event.outboxEventId() != null && event.kind() != SesEvent.Kind.OTHER) {
      // Our relay sent it (the tag says so) but its send transaction has not committed yet: SES
      // can be that quick. Failing leaves the message queued; SQS brings it back shortly.
      throw new SendNotYetRecorded(event.sesMessageId(), event.outboxEventId());
    }
    switch (event.kind()) {
      case DELIVERY ->
          records.recordDeliveryEvent(event.sesMessageId(), "delivered", event.detail());
      case DELAY -> records.recordDeliveryEvent(event.sesMessageId(), "delayed", event.detail());
      case COMPLAINT -> {
        event
            .recipients()
            .forEach(
                address ->
                    suppressions.suppress(
                        address,
                        Suppressions.Reason.COMPLAINT,
                        event.detail(),
                        event.sesMessageId()));
        records.recordDeliveryEvent(event.sesMessageId(), "complained", event.detail());
      }
      case BOUNCE -> {
        if (event.permanent()) {
          event
              .recipients()
              .forEach(
                  address ->
                      suppressions.suppress(
                          address,
                          Suppressions.Reason.HARD_BOUNCE,
                          event.detail(),
                          event.sesMessageId()));
          records.recordDeliveryEvent(event.sesMessageId(), "hard_bounced", event.detail());
        } else {
          records.recordDeliveryEvent(event.sesMessageId(), "soft_bounced", event.detail());
          send.ifPresent(record -> resendOrGiveUp(record, event, in));
        }
      }
      case OTHER -> {
        return;
      }
    }
    in.setHeader(DeliveryHeaders.COUNT_TYPE, event.kind().label());
  }

  /**
   * A soft bounce (mailbox full, server down) may pass: send again later, up to the limit, then
   * dead-letter so that someone looks.
   */
  private void resendOrGiveUp(SendRecord send, SesEvent event, Message in) {
    if (send.generation() < maxResends) {
      if (records.scheduleResend(
          send.outboxEventId(),
          send.generation(),
          resendBackoff.delayAfter(send.generation() + 1))) {
        in.setHeader(APPLIED_OUTCOME, EmailOutcome.RETRIED);
        in.setHeader(APPLIED_EVENT_TYPE, send.eventType());
      }
      return;
    }
    String reason = "soft-bounced " + (send.generation() + 1) + " times, last: " + event.detail();
    long deadLetter =
        records.deadLetter(
            send.outboxEventId(),
            send.eventType(),
            send.recipient(),
            reason,
            send.generation() + 1);
    in.setHeader(APPLIED_OUTCOME, EmailOutcome.DEAD_LETTERED);
    in.setHeader(APPLIED_EVENT_TYPE, send.eventType());
    RelayFailures.logDeadLetter(
        deadLetter, send.outboxEventId(), send.eventType(), send.recipient(), reason);
  }

  /** Counts what was applied, after the transaction committed (a duplicate counts nothing). */
  public void countApplied(Exchange exchange) {
    Message in = exchange.getIn();
    String type = in.getHeader(DeliveryHeaders.COUNT_TYPE, String.class);
    if (type != null) {
      deliveryMetrics.count(type);
    }
    EmailOutcome outcome = in.getHeader(APPLIED_OUTCOME, EmailOutcome.class);
    if (outcome != null) {
      emailMetrics.count(in.getHeader(APPLIED_EVENT_TYPE, String.class), outcome);
    }
  }

  /** A forged or malformed message: counted, logged, and deleted from the queue untouched. */
  public void reject(Exchange exchange) {
    RejectedNotification rejected =
        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RejectedNotification.class);
    deliveryMetrics.count(rejected.metricType());
    log.warn(
        "Rejected SQS message {} ({}): {} -- deleted from the queue, no data changed",
        exchange.getIn().getHeader("CamelAwsSqsMessageId"),
        rejected.metricType(),
        rejected.getMessage());
  }
}
