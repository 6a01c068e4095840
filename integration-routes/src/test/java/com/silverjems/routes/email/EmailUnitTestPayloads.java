package com.silverjems.routes.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.routes.emulators.OutboxFixtures;
import java.util.UUID;

/** Payloads for unit tests, the same the integration tests write to the outbox. */
final class EmailUnitTestPayloads {
  static final ObjectMapper JSON = new ObjectMapper();

  private EmailUnitTestPayloads() {}

  static JsonNode orderPaid(String email, String name) {
    try {
      return JSON.readTree(OutboxFixtures.orderPaidPayload(UUID.randomUUID(), email, name));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static EmailProperties.Brand brand() {
    return new EmailProperties.Brand(
        "Silver Jems", "https://silverjems.example", "hello@silverjems.example", "#6b7280");
  }
}
