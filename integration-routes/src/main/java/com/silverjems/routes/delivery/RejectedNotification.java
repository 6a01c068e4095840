package com.silverjems.routes.delivery;

/**
 * An SQS message that is not a genuine SES event from our topic. It is dropped from the queue
 * without touching any data (redelivering it could never make it genuine) and counted under {@code
 * silverjems_email_delivery_events_total{type}} with the label {@link #metricType()}.
 */
abstract class RejectedNotification extends RuntimeException {
  RejectedNotification(String message) {
    super(message, null, false, false);
  }

  /** {@code rejected_forged} or {@code rejected_malformed}. */
  abstract String metricType();
}
