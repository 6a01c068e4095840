package com.silverjems.routes.delivery;

/** The SNS signature does not hold, the certificate is not SNS's, or the topic is not ours. */
final class ForgedNotification extends RejectedNotification {
  ForgedNotification(String reason) {
    super(reason);
  }

  @Override
  String metricType() {
    return "rejected_forged";
  }
}
