package com.silverjems.routes.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SES delivery event from the SNS message: either an event-publishing record ({@code eventType},
 * from a configuration set) or an identity notification ({@code notificationType}); both carry the
 * same {@code mail}, {@code bounce}, {@code complaint} objects.
 *
 * @param sesMessageId the id SES returned when the email was sent
 * @param recipients the addresses the event is about (bounced, complained, delivered, delayed)
 * @param detail a short human-readable account (bounce type and diagnostic), for admins
 * @param outboxEventId the relay's {@code outbox_event_id} tag, absent on mail others sent
 */
record SesEvent(
    Kind kind,
    String sesMessageId,
    List<String> recipients,
    boolean permanent,
    String detail,
    String outboxEventId) {

  /** The kinds we act on; the {@code type} label of the delivery events counter. */
  enum Kind {
    DELIVERY,
    BOUNCE,
    COMPLAINT,
    DELAY,
    /** Send, Open, Click, Reject, Rendering Failure...: not delivery outcomes, acknowledged. */
    OTHER;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static SesEvent parse(ObjectMapper json, String message) {
    JsonNode node;
    try {
      node = json.readTree(message);
    } catch (Exception e) {
      throw new MalformedNotification("SNS Message is not JSON");
    }
    String type =
        node.hasNonNull("eventType")
            ? node.path("eventType").asText()
            : node.path("notificationType").asText(null);
    String messageId = node.path("mail").path("messageId").asText(null);
    if (type == null || messageId == null || messageId.isBlank()) {
      throw new MalformedNotification(
          "SES event without eventType/notificationType or mail.messageId");
    }
    String outboxEventId =
        node.path("mail").path("tags").path("outbox_event_id").path(0).asText(null);
    return switch (type) {
      case "Delivery" ->
          new SesEvent(
              Kind.DELIVERY,
              messageId,
              texts(node.path("delivery").path("recipients")),
              false,
              "delivered",
              outboxEventId);
      case "Bounce" -> {
        JsonNode bounce = node.path("bounce");
        List<String> recipients =
            addresses(bounce.path("bouncedRecipients"), "bounce.bouncedRecipients");
        String bounceType = bounce.path("bounceType").asText("Undetermined");
        String diagnostic =
            bounce.path("bouncedRecipients").path(0).path("diagnosticCode").asText("");
        yield new SesEvent(
            Kind.BOUNCE,
            messageId,
            recipients,
            "Permanent".equals(bounceType),
            (bounceType + "/" + bounce.path("bounceSubType").asText("") + " " + diagnostic).strip(),
            outboxEventId);
      }
      case "Complaint" -> {
        JsonNode complaint = node.path("complaint");
        yield new SesEvent(
            Kind.COMPLAINT,
            messageId,
            addresses(complaint.path("complainedRecipients"), "complaint.complainedRecipients"),
            true,
            ("complaint " + complaint.path("complaintFeedbackType").asText("")).strip(),
            outboxEventId);
      }
      case "DeliveryDelay" -> {
        JsonNode delay = node.path("deliveryDelay");
        yield new SesEvent(
            Kind.DELAY,
            messageId,
            addresses(delay.path("delayedRecipients"), "deliveryDelay.delayedRecipients"),
            false,
            ("delayed " + delay.path("delayType").asText("")).strip(),
            outboxEventId);
      }
      default -> new SesEvent(Kind.OTHER, messageId, List.of(), false, type, outboxEventId);
    };
  }

  private static List<String> addresses(JsonNode array, String field) {
    List<String> found = new ArrayList<>();
    for (JsonNode recipient : array) {
      String address = recipient.path("emailAddress").asText(null);
      if (address != null && !address.isBlank()) {
        found.add(address);
      }
    }
    if (found.isEmpty()) {
      throw new MalformedNotification("SES event has no " + field);
    }
    return List.copyOf(found);
  }

  private static List<String> texts(JsonNode array) {
    List<String> found = new ArrayList<>();
    array.forEach(value -> found.add(value.asText()));
    return List.copyOf(found);
  }
}
