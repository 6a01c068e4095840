package com.silverjems.observability.zabbix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The module's Zabbix templates and agent configuration, as files. */
final class Templates {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MACRO = Pattern.compile("\\{\\$[A-Z0-9_.]+}");

  private Templates() {}

  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("templates")) ? here : here.resolve("zabbix");
  }

  static List<Path> files() {
    try (Stream<Path> files = Files.list(root().resolve("templates"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Every template of every file. */
  static List<JsonNode> templates() {
    List<JsonNode> templates = new ArrayList<>();
    files().forEach(f -> read(f).path("zabbix_export").path("templates").forEach(templates::add));
    return templates;
  }

  static Map<String, String> macroDefaults(JsonNode template) {
    Map<String, String> macros = new LinkedHashMap<>();
    template
        .path("macros")
        .forEach(m -> macros.put(m.path("macro").asText(), m.path("value").asText()));
    return macros;
  }

  static List<String> macrosIn(String text) {
    List<String> macros = new ArrayList<>();
    Matcher m = MACRO.matcher(text);
    while (m.find()) {
      macros.add(m.group());
    }
    return macros;
  }

  static String resolve(String text, Map<String, String> macros) {
    String resolved = text;
    for (Map.Entry<String, String> macro : macros.entrySet()) {
      resolved = resolved.replace(macro.getKey(), macro.getValue());
    }
    return resolved;
  }

  /** Items the agent itself answers (Zabbix agent passive checks: the default type). */
  static boolean isAgentItem(JsonNode item) {
    String type = item.path("type").asText("ZABBIX_PASSIVE");
    return type.equals("ZABBIX_PASSIVE");
  }

  static Path userParameters() {
    return root().resolve("agent/userparameter_silverjems_pgsql.conf");
  }

  /** UserParameter key names (without [*]) defined in the agent configuration. */
  static List<String> userParameterKeys() {
    try {
      return Files.readAllLines(userParameters()).stream()
          .filter(l -> l.startsWith("UserParameter="))
          .map(l -> l.substring("UserParameter=".length(), l.indexOf(',')).replace("[*]", ""))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
