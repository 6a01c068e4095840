package com.silverjems.shop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * What an outbox payload breaks in its published schema, checked by shop-schema's validator ({@link
 * com.silverjems.schema.events.EventSchemas}), the one the integration hub applies: formats (uuid,
 * email, date-time, uri) included.
 */
public final class EventSchemas {

  private EventSchemas() {}

  /** The validation messages; empty when the payload conforms. */
  public static Set<String> violations(String eventType, int version, JsonNode payload) {
    return Set.copyOf(
        com.silverjems.schema.events.EventSchemas.onClasspath()
            .violations(eventType, version, payload));
  }
}
