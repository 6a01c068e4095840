package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Outbox payloads checked against shop-schema's {@code events/} (formats asserted too). */
final class EventSchemas {

  private EventSchemas() {}

  static JsonNode assertValid(String eventType, String payload) {
    try (InputStream schemaText =
        EventSchemas.class.getResourceAsStream("/events/" + eventType + ".v1.schema.json")) {
      assertThat(schemaText).as("schema of " + eventType).isNotNull();
      JsonSchema schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(
                  schemaText,
                  SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
      JsonNode json = new ObjectMapper().readTree(payload);
      assertThat(schema.validate(json)).as(eventType + " payload " + payload).isEmpty();
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
