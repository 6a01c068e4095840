package com.silverjems.routes.emulators;

/**
 * SES event-publishing records as SNS carries them (the shapes of the SES developer guide's
 * examples), for a given SES message id and recipient.
 */
public final class SesEvents {
  private SesEvents() {}

  public static String bounce(String messageId, String email, String bounceType) {
    String subType = "Permanent".equals(bounceType) ? "General" : "MailboxFull";
    String status = "Permanent".equals(bounceType) ? "5.1.1" : "4.2.2";
    return """
        {"eventType":"Bounce","bounce":{"feedbackId":"0102017fa1b2c3d4-feedback-000000",
          "bounceType":"%s","bounceSubType":"%s",
          "bouncedRecipients":[{"emailAddress":"%s","action":"failed","status":"%s",
            "diagnosticCode":"smtp; 550 %s mailbox problem"}],
          "timestamp":"2026-03-01T10:16:02.669Z","reportingMTA":"dsn; a1-2.smtp-out.eu-west-1.amazonses.com"},
         %s}
        """
        .formatted(bounceType, subType, email, status, status, mail(messageId, email));
  }

  public static String complaint(String messageId, String email) {
    return """
        {"eventType":"Complaint","complaint":{"feedbackId":"0102017fa1b2c3d4-complaint-000000",
          "complaintSubType":null,"complainedRecipients":[{"emailAddress":"%s"}],
          "timestamp":"2026-03-01T10:20:00.000Z","userAgent":"Mozilla/5.0","complaintFeedbackType":"abuse",
          "arrivalDate":"2026-03-01T10:19:00.000Z"},
         %s}
        """
        .formatted(email, mail(messageId, email));
  }

  public static String delivery(String messageId, String email) {
    return """
        {"eventType":"Delivery","delivery":{"timestamp":"2026-03-01T10:16:01.000Z",
          "processingTimeMillis":546,"recipients":["%s"],
          "smtpResponse":"250 2.6.0 Message received","reportingMTA":"a8-70.smtp-out.amazonses.com"},
         %s}
        """
        .formatted(email, mail(messageId, email));
  }

  public static String deliveryDelay(String messageId, String email) {
    return """
        {"eventType":"DeliveryDelay","deliveryDelay":{"timestamp":"2026-03-01T10:30:00.000Z",
          "delayType":"TransientCommunicationFailure","expirationTime":"2026-03-01T22:16:00.000Z",
          "delayedRecipients":[{"emailAddress":"%s","status":"4.4.1","diagnosticCode":"smtp; 421 4.4.1 Unable to connect"}]},
         %s}
        """
        .formatted(email, mail(messageId, email));
  }

  /** The event as SES publishes it for mail the relay sent: tagged with its outbox event. */
  public static String taggedWithOutboxEvent(String event, java.util.UUID outboxEventId) {
    return event.replace(
        "\"tags\":{", "\"tags\":{\"outbox_event_id\":[\"" + outboxEventId + "\"],");
  }

  private static String mail(String messageId, String email) {
    return """
        "mail":{"timestamp":"2026-03-01T10:16:00.012Z","source":"orders@silverjems.example",
          "sourceArn":"arn:aws:ses:eu-west-1:123456789012:identity/silverjems.example",
          "sendingAccountId":"123456789012","messageId":"%s","destination":["%s"],
          "headersTruncated":false,
          "tags":{"ses:configuration-set":["silverjems"]}}
        """
        .formatted(messageId, email);
  }
}
