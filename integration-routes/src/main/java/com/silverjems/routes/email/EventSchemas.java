package com.silverjems.routes.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.schema.events.EventSchemas.UnknownEventSchema;
import java.util.List;
import java.util.Set;

/**
 * The outbox event schemas of shop-schema, as the relay applies them: an event without a schema, or
 * whose payload breaks it, is an {@link InvalidOutboxEvent} (dead-lettered at once). The validation
 * is shop-schema's {@link com.silverjems.schema.events.EventSchemas}, the one the shop's tests
 * check what the shop writes with.
 */
final class EventSchemas {

  private final com.silverjems.schema.events.EventSchemas schemas;

  private EventSchemas(com.silverjems.schema.events.EventSchemas schemas) {
    this.schemas = schemas;
  }

  static EventSchemas fromClasspath() {
    return new EventSchemas(com.silverjems.schema.events.EventSchemas.onClasspath());
  }

  /**
   * @throws InvalidOutboxEvent when no schema exists for the type and version, or the payload
   *     breaks it
   */
  void validate(String eventType, int eventVersion, JsonNode payload) {
    List<String> errors;
    try {
      errors = schemas.violations(eventType, eventVersion, payload);
    } catch (UnknownEventSchema e) {
      throw new InvalidOutboxEvent(e.getMessage());
    }
    if (!errors.isEmpty()) {
      throw new InvalidOutboxEvent(
          eventType
              + " v"
              + eventVersion
              + " payload breaks its schema: "
              + String.join("; ", errors));
    }
  }

  Set<String> known() {
    return schemas.known();
  }
}
