package com.silverjems.routes.delivery;

/** Headers of the delivery-events routes. */
final class DeliveryHeaders {
  static final String SNS_MESSAGE_ID = "SilverjemsSnsMessageId";
  static final String IS_NOTIFICATION = "SilverjemsSnsNotification";

  /** The {@code type} label to count, when the event was applied (absent for duplicates). */
  static final String COUNT_TYPE = "SilverjemsDeliveryEventType";

  private DeliveryHeaders() {}
}
