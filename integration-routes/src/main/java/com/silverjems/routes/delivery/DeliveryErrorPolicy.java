package com.silverjems.routes.delivery;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The delivery-events group's error policy, followed by the SQS consumer's route: a rejected
 * notification (forged, malformed) is handled, so the consumer deletes it; any other failure is
 * not, so the message stays in the queue and SQS redelivers it after the visibility timeout (and
 * moves it to the queue's DLQ after its limit).
 */
final class DeliveryErrorPolicy extends RouteConfigurationBuilder {

  static final String ID = "delivery-events";

  private final DeliveryEventSteps steps;

  DeliveryErrorPolicy(DeliveryEventSteps steps) {
    this.steps = steps;
  }

  @Override
  public void configuration() {
    routeConfiguration(ID)
        .onException(RejectedNotification.class)
        .handled(true)
        .logExhausted(false)
        .process(steps::reject)
        .end()
        .onException(Exception.class)
        .handled(false)
        .logExhaustedMessageBody(false)
        .logStackTrace(true);
  }
}
