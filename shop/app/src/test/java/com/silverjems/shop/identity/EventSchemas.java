package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Outbox payloads checked against shop-schema's {@code events/} (formats asserted too). */
final class EventSchemas {

  private EventSchemas() {}

  static JsonNode assertValid(String eventType, String payload) {
    try {
      JsonNode json = new ObjectMapper().readTree(payload);
      assertThat(com.silverjems.shop.EventSchemas.violations(eventType, 1, json))
          .as(eventType + " payload " + payload)
          .isEmpty();
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
