package com.silverjems.observability.grafana;

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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The module's provisioning files, read the way Grafana and Prometheus read them. */
final class Provisioning {

  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A rule of a Prometheus rule file: an alert or a recording rule. */
  record Rule(Path file, String group, JsonNode node) {
    boolean isAlert() {
      return node.has("alert");
    }

    String name() {
      return isAlert() ? node.get("alert").asText() : node.get("record").asText();
    }

    String expr() {
      return node.get("expr").asText();
    }

    String label(String name) {
      return node.path("labels").path(name).asText("");
    }

    String annotation(String name) {
      return node.path("annotations").path(name).asText("");
    }
  }

  /** Where a metric name is queried, for messages. */
  record Query(String where, String expr) {}

  private Provisioning() {}

  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("rules")) ? here : here.resolve("grafana-provisioning");
  }

  static List<Path> files(String folder, String suffix) {
    try (Stream<Path> paths = Files.list(root().resolve(folder))) {
      return paths.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> ruleFiles() {
    return files("rules", ".rules.yml");
  }

  static List<Path> ruleTestFiles() {
    return files("rules/tests", ".test.yml");
  }

  static List<Path> dashboardFiles() {
    return files("dashboards", ".json");
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Not valid JSON: " + file, e);
    }
  }

  static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    for (Path file : ruleFiles()) {
      for (JsonNode group : yaml(file).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          rules.add(new Rule(file, group.path("name").asText(), rule));
        }
      }
    }
    return rules;
  }

  static Map<Path, JsonNode> dashboards() {
    Map<Path, JsonNode> dashboards = new LinkedHashMap<>();
    dashboardFiles().forEach(f -> dashboards.put(f, json(f)));
    return dashboards;
  }

  /** Every panel of a dashboard, including those nested in collapsed rows. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /**
   * Every metric name a rule or a dashboard (panel queries, variables, annotations) selects, with
   * where; recording rules' own names included (their sources are queried by the rule itself).
   */
  static Map<String, List<Query>> queriedMetricNames() {
    Map<String, List<Query>> names = new TreeMap<>();
    for (Rule rule : rules()) {
      for (String name : PromQl.metricNames(rule.expr())) {
        names
            .computeIfAbsent(name, n -> new ArrayList<>())
            .add(new Query(rule.file().getFileName() + " " + rule.name(), rule.expr()));
      }
    }
    dashboards()
        .forEach(
            (file, dashboard) -> {
              String where = file.getFileName().toString();
              for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                  if (target.has("expr")) {
                    String expr = target.get("expr").asText();
                    for (String name : PromQl.metricNames(expr)) {
                      names
                          .computeIfAbsent(name, n -> new ArrayList<>())
                          .add(
                              new Query(where + " \"" + panel.path("title").asText() + "\"", expr));
                    }
                  }
                }
              }
              for (JsonNode variable : dashboard.path("templating").path("list")) {
                String query = variable.path("query").path("query").asText("");
                for (String name : PromQl.variableMetricNames(query)) {
                  names
                      .computeIfAbsent(name, n -> new ArrayList<>())
                      .add(
                          new Query(where + " variable $" + variable.path("name").asText(), query));
                }
              }
              for (JsonNode annotation : dashboard.path("annotations").path("list")) {
                String expr = annotation.path("expr").asText("");
                for (String name : PromQl.metricNames(expr)) {
                  names
                      .computeIfAbsent(name, n -> new ArrayList<>())
                      .add(new Query(where + " annotation", expr));
                }
              }
            });
    return names;
  }

  static Set<String> recordedNames() {
    Set<String> names = new TreeSet<>();
    rules().stream().filter(r -> !r.isAlert()).forEach(r -> names.add(r.name()));
    return names;
  }
}
