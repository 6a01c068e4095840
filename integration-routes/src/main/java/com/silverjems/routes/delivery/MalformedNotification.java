package com.silverjems.routes.delivery;

/** Not an SNS envelope, or an SES event missing what we need (type, message id, recipients). */
final class MalformedNotification extends RejectedNotification {
  MalformedNotification(String reason) {
    super(reason);
  }

  @Override
  String metricType() {
    return "rejected_malformed";
  }
}
