package com.silverjems.routes.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The outbox event schemas of shop-schema ({@code events/<type>.v<version>.schema.json}), loaded
 * once. Formats (email, uuid, date-time, uri) are asserted, not just annotations: a payload the
 * shop wrote wrongly is caught here rather than in a shopper's mailbox.
 */
final class EventSchemas {

  private static final Pattern FILE_NAME = Pattern.compile("(.+)\\.v(\\d+)\\.schema\\.json");

  private final Map<String, JsonSchema> schemas;

  private EventSchemas(Map<String, JsonSchema> schemas) {
    this.schemas = Map.copyOf(schemas);
  }

  static EventSchemas fromClasspath() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    Map<String, JsonSchema> schemas = new HashMap<>();
    try {
      for (Resource resource :
          new PathMatchingResourcePatternResolver()
              .getResources("classpath*:events/*.schema.json")) {
        Matcher name = FILE_NAME.matcher(resource.getFilename());
        if (name.matches()) {
          try (InputStream in = resource.getInputStream()) {
            schemas.put(
                key(name.group(1), Integer.parseInt(name.group(2))), factory.getSchema(in, config));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the outbox event schemas", e);
    }
    if (schemas.isEmpty()) {
      throw new IllegalStateException(
          "No outbox event schema (events/*.schema.json) on the classpath");
    }
    return new EventSchemas(schemas);
  }

  /**
   * @throws InvalidOutboxEvent when no schema exists for the type and version, or the payload
   *     breaks it
   */
  void validate(String eventType, int eventVersion, JsonNode payload) {
    JsonSchema schema = schemas.get(key(eventType, eventVersion));
    if (schema == null) {
      throw new InvalidOutboxEvent(
          "no schema for event "
              + eventType
              + " v"
              + eventVersion
              + " (known: "
              + schemas.keySet()
              + ")");
    }
    Set<ValidationMessage> errors = schema.validate(payload);
    if (!errors.isEmpty()) {
      throw new InvalidOutboxEvent(
          eventType
              + " v"
              + eventVersion
              + " payload breaks its schema: "
              + errors.stream()
                  .map(ValidationMessage::getMessage)
                  .sorted()
                  .collect(Collectors.joining("; ")));
    }
  }

  Set<String> known() {
    return schemas.keySet();
  }

  private static String key(String type, int version) {
    return type + ".v" + version;
  }
}
