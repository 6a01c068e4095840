package com.silverjems.routes;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The hub's error policy, in one place. Each route names the configuration it follows with {@code
 * routeConfigurationId}; a route that names none gets Camel's default (the exception propagates),
 * which is what a transacted sub-route needs to roll back.
 */
@Component
public class RouteErrorPolicy extends RouteConfigurationBuilder {

  /**
   * Handling one outbox event: every failure is handled (never propagated to the poll) by {@code
   * RelayFailures}, which slows down, reschedules with backoff or dead-letters, then counts the
   * outcome.
   */
  public static final String EMAIL_OUTBOX = "email-outbox";

  /**
   * The relay's send transaction: no error handler, so that a failure reaches {@link #EMAIL_OUTBOX}
   * of the calling route (Camel skips a caller's policy for an exception a sub-route's error
   * handler already saw).
   */
  public static final String EMAIL_SEND = "email-send";

  /**
   * Handling one SQS delivery event: a rejected notification (forged, malformed) is handled, so the
   * consumer deletes it; any other failure is not, so the message stays in the queue and SQS
   * redelivers it after the visibility timeout (and moves it to the queue's DLQ after its limit).
   */
  public static final String DELIVERY_EVENTS = "delivery-events";

  @Override
  public void configuration() {
    routeConfiguration(EMAIL_OUTBOX)
        .onException(Exception.class)
        .handled(true)
        .logExhausted(false)
        .bean("emailRelayFailures", "handle")
        .to(
            "micrometer:counter:silverjems.email"
                + "?tags.event_type=${header.SilverjemsEventType}"
                + "&tags.outcome=${header.SilverjemsEmailOutcome}");

    routeConfiguration(EMAIL_SEND).errorHandler(noErrorHandler());

    routeConfiguration(DELIVERY_EVENTS)
        .onException(com.silverjems.routes.delivery.RejectedNotification.class)
        .handled(true)
        .logExhausted(false)
        .bean("deliveryEventSteps", "reject")
        .end()
        .onException(Exception.class)
        .handled(false)
        .logExhaustedMessageBody(false)
        .logStackTrace(true);
  }
}
