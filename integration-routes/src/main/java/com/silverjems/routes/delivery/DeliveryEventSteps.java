package com.silverjems.routes.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.routes.email.EmailDeliveryEvents;
import com.silverjems.routes.email.EmailDeliveryEvents.SentEmail;
import com.silverjems.routes.email.EmailOutcome;
import com.silverjems.routes.email.Resends;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The steps of {@link DeliveryEventRoutes}: verify, then apply an SES event to our records. */
final class DeliveryEventSteps {

  static final String EVENT = "SilverjemsSesEvent";
  private static final String APPLIED_OUTCOME = "SilverjemsAppliedEmailOutcome";
  private static final String APPLIED_EVENT_TYPE = "SilverjemsAppliedEmailEventType";

  private static final Logger log = LoggerFactory.getLogger(DeliveryEventSteps.class);

  private final ObjectMapper json;
  private final SnsSignatureVerifier verifier;
  private final EmailDeliveryEvents emails;
  private final DeliveryMetrics deliveryMetrics;
  private final Resends resends;

  DeliveryEventSteps(
      ObjectMapper json,
      SnsSignatureVerifier verifier,
      EmailDeliveryEvents emails,
      DeliveryMetrics deliveryMetrics,
      Resends resends) {
    this.json = json;
    this.verifier = verifier;
    this.emails = emails;
    this.deliveryMetrics = deliveryMetrics;
    this.resends = resends;
  }

  /**
   * Parses the SNS envelope, verifies its signature and parses the SES event: nothing is written
   * before all three passed.
   *
   * @throws RejectedNotification for a forged or malformed message
   */
  void verify(Exchange exchange) {
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
  void apply(Exchange exchange) {
    SesEvent event = exchange.getProperty(EVENT, SesEvent.class);
    Message in = exchange.getIn();
    Optional<SentEmail> send = emails.findSend(event.sesMessageId());
    if (send.isEmpty() && event.outboxEventId() != null && event.kind() != SesEvent.Kind.OTHER) {
      // Our relay sent it (the tag says so) but its send transaction has not committed yet: SES
      // can be that quick. Failing leaves the message queued; SQS brings it back shortly.
      throw new SendNotYetRecorded(event.sesMessageId(), event.outboxEventId());
    }
    switch (event.kind()) {
      case DELIVERY -> emails.delivered(event.sesMessageId(), event.detail());
      case DELAY -> emails.delayed(event.sesMessageId(), event.detail());
      case COMPLAINT -> emails.complained(event.sesMessageId(), event.recipients(), event.detail());
      case BOUNCE -> {
        if (event.permanent()) {
          emails.hardBounced(event.sesMessageId(), event.recipients(), event.detail());
        } else {
          emails
              .softBounced(event.sesMessageId(), send, event.detail(), resends)
              .ifPresent(
                  outcome -> {
                    in.setHeader(APPLIED_OUTCOME, outcome);
                    in.setHeader(APPLIED_EVENT_TYPE, send.get().eventType());
                  });
        }
      }
      case OTHER -> {
        return;
      }
    }
    in.setHeader(DeliveryHeaders.COUNT_TYPE, event.kind().label());
  }

  /** Counts what was applied, after the transaction committed (a duplicate counts nothing). */
  void countApplied(Exchange exchange) {
    Message in = exchange.getIn();
    String type = in.getHeader(DeliveryHeaders.COUNT_TYPE, String.class);
    if (type != null) {
      deliveryMetrics.count(type);
    }
    EmailOutcome outcome = in.getHeader(APPLIED_OUTCOME, EmailOutcome.class);
    if (outcome != null) {
      emails.count(in.getHeader(APPLIED_EVENT_TYPE, String.class), outcome);
    }
  }

  /** A forged or malformed message: counted, logged, and deleted from the queue untouched. */
  void reject(Exchange exchange) {
    RejectedNotification rejected =
        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RejectedNotification.class);
    deliveryMetrics.count(rejected.metricType());
    log.warn(
        "Rejected SQS message {} ({}): {} -- deleted from the queue, no data changed",
        exchange.getIn().getHeader(Sqs2Constants.MESSAGE_ID),
        rejected.metricType(),
        rejected.getMessage());
  }
}
