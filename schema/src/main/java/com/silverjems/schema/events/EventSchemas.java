package com.silverjems.schema.events;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The outbox event schemas of this module ({@code events/<type>.v<version>.schema.json}), loaded
 * once: the one validator the hub checks every payload with before acting on it, and the shop's
 * tests check what the shop writes with. Formats (email, uuid, date-time, uri) are asserted, not
 * just annotations: a payload the shop wrote wrongly is caught before it reaches a shopper.
 *
 * <p>Needs json-schema-validator, Jackson and spring-core, optional here: a module that validates
 * declares them (the hub in its main scope, the shop in its tests).
 */
public final class EventSchemas {

  private static final Pattern FILE_NAME = Pattern.compile("(.+)\\.v(\\d+)\\.schema\\.json");

  private static volatile EventSchemas onClasspath;

  private final Map<String, JsonSchema> schemas;

  private EventSchemas(Map<String, JsonSchema> schemas) {
    this.schemas = Map.copyOf(schemas);
  }

  /** Every schema on the class path, read on the first call. */
  public static EventSchemas onClasspath() {
    EventSchemas loaded = onClasspath;
    if (loaded == null) {
      synchronized (EventSchemas.class) {
        if (onClasspath == null) {
          onClasspath = load();
        }
        loaded = onClasspath;
      }
    }
    return loaded;
  }

  /**
   * The messages of what {@code payload} breaks in the schema of {@code eventType} v{@code
   * eventVersion}, sorted; empty when it conforms.
   *
   * @throws UnknownEventSchema when no schema has that type and version
   */
  public List<String> violations(String eventType, int eventVersion, JsonNode payload) {
    JsonSchema schema = schemas.get(key(eventType, eventVersion));
    if (schema == null) {
      throw new UnknownEventSchema(
          "no schema for event "
              + eventType
              + " v"
              + eventVersion
              + " (known: "
              + schemas.keySet()
              + ")");
    }
    Set<ValidationMessage> errors = schema.validate(payload);
    return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  /** {@code order-paid.v1}, ...: every schema loaded. */
  public Set<String> known() {
    return schemas.keySet();
  }

  private static EventSchemas load() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    Map<String, JsonSchema> schemas = new HashMap<>();
    try {
      for (Resource resource :
          new PathMatchingResourcePatternResolver(EventSchemas.class.getClassLoader())
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

  private static String key(String type, int version) {
    return type + ".v" + version;
  }

  /** An event type and version no schema describes. */
  public static final class UnknownEventSchema extends IllegalArgumentException {
    UnknownEventSchema(String message) {
      super(message);
    }
  }
}
