package com.silverjems.routes.email;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * One claimed row of the shop's outbox.
 *
 * @param attempts tries so far, this one included
 * @param generation resend generation; part of the idempotency key
 */
record OutboxEvent(
    UUID id, String eventType, int eventVersion, JsonNode payload, int attempts, int generation) {

  /** Same outbox row and generation = same email: a redelivered claim must not send again. */
  String idempotencyKey() {
    return id + "/" + generation;
  }

  /** Where the email goes; every emailing event carries {@code recipient.email}. */
  String recipientEmail() {
    return payload.path("recipient").path("email").asText(null);
  }
}
