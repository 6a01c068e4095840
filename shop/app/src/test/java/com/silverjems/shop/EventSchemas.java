package com.silverjems.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates outbox payloads against the published JSON schemas of shop-schema ({@code
 * events/<type>.v<version>.schema.json}), formats (uuid, email, date-time, uri) included, as the
 * integration hub does.
 */
public final class EventSchemas {

  private EventSchemas() {}

  /** The validation messages; empty when the payload conforms. */
  public static Set<String> violations(String eventType, int version, JsonNode payload) {
    String resource = "events/" + eventType + ".v" + version + ".schema.json";
    try (InputStream schemaFile =
        EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (schemaFile == null) {
        throw new IllegalArgumentException("No schema " + resource);
      }
      JsonSchema schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(
                  schemaFile,
                  SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
      Set<ValidationMessage> messages = schema.validate(payload);
      return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
