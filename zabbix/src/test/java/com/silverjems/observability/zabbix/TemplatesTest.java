package com.silverjems.observability.zabbix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What Zabbix's importer would reject, or what would make an item or trigger silently useless. */
class TemplatesTest {

  private static final Pattern ITEM_REFERENCE =
      Pattern.compile("\\(/([^/]+)/([^,)\\[]+(\\[[^\\]]*])?)");

  @Test
  void everyFileIsAZabbix60ExportWithUniqueVersion4Uuids() {
    Set<String> uuids = new HashSet<>();
    List<String> all = new ArrayList<>();
    Map<String, String> groups = new java.util.HashMap<>();
    for (var file : Templates.files()) {
      JsonNode export = Templates.read(file).path("zabbix_export");
      assertThat(export.path("version").asText()).as(file.toString()).isEqualTo("6.0");
      // A group shared by two files is one group: same name, same uuid.
      export
          .path("groups")
          .forEach(
              g -> {
                String previous =
                    groups.putIfAbsent(g.path("name").asText(), g.path("uuid").asText());
                assertThat(previous == null || previous.equals(g.path("uuid").asText())).isTrue();
              });
      collectUuids(export.path("templates"), all);
    }
    all.addAll(new HashSet<>(groups.values()));
    for (String uuid : all) {
      assertThat(uuid).matches("[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}");
      assertThat(uuids.add(uuid)).as("uuid %s used twice", uuid).isTrue();
    }
    assertThat(Templates.templates())
        .extracting(t -> t.path("template").asText())
        .contains(
            "Silver Jems PostgreSQL by Zabbix agent",
            "Silver Jems Redis by Zabbix agent 2",
            "Silver Jems Linux by Zabbix agent",
            "Silver Jems TLS certificate by Zabbix agent 2");
  }

  @Test
  void triggersAndCalculatedItemsReferenceItemsOfTheirOwnTemplate() {
    for (JsonNode template : Templates.templates()) {
      String name = template.path("template").asText();
      Set<String> keys = new HashSet<>();
      template.path("items").forEach(i -> keys.add(i.path("key").asText()));
      List<String> expressions = new ArrayList<>();
      for (JsonNode item : template.path("items")) {
        item.path("triggers").forEach(t -> expressions.add(t.path("expression").asText()));
        if (item.path("type").asText().equals("CALCULATED")) {
          expressions.add(item.path("params").asText());
        }
        if (item.path("type").asText().equals("DEPENDENT")) {
          assertThat(keys).as(name).contains(item.path("master_item").path("key").asText());
          assertThat(item.path("preprocessing").size()).as(item.path("key").asText()).isPositive();
        }
      }
      assertThat(expressions).as(name).isNotEmpty();
      for (String expression : expressions) {
        Matcher m = ITEM_REFERENCE.matcher(expression);
        int references = 0;
        while (m.find()) {
          references++;
          assertThat(m.group(1)).as(expression).isEqualTo(name);
          assertThat(keys).as("%s: %s", name, expression).contains(m.group(2));
        }
        assertThat(references).as(expression).isPositive();
      }
    }
  }

  @Test
  void everyMacroUsedIsDefinedWithADefault() {
    for (JsonNode template : Templates.templates()) {
      Map<String, String> defaults = Templates.macroDefaults(template);
      List<String> used = Templates.macrosIn(template.toString());
      for (String macro : used) {
        assertThat(defaults).as(template.path("template").asText()).containsKey(macro);
      }
    }
  }

  @Test
  void sustainedConditionsAndBaselinesWhereAFixedNumberWouldBeWrong() {
    int baselineTriggers = 0;
    for (JsonNode template : Templates.templates()) {
      for (JsonNode item : template.path("items")) {
        for (JsonNode trigger : item.path("triggers")) {
          String expression = trigger.path("expression").asText();
          if (expression.contains("trendavg(") || expression.contains("timeleft(")) {
            baselineTriggers++;
          }
        }
      }
    }
    assertThat(baselineTriggers).isGreaterThanOrEqualTo(10);
  }

  @Test
  void theDatabaseChecksRunAsTheReadOnlyMonitoringRoleOfTheMigrations() throws Exception {
    JsonNode postgres =
        Templates.templates().stream()
            .filter(t -> t.path("template").asText().contains("PostgreSQL"))
            .findFirst()
            .orElseThrow();
    String role = Templates.macroDefaults(postgres).get("{$PG.USER}");
    String migration =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(
                "..", "schema/src/main/resources/db/migration/V50__component_roles.sql"));
    assertThat(migration)
        .contains("CREATE ROLE " + role + " LOGIN")
        .contains("GRANT pg_monitor TO " + role + ";");
  }

  @Test
  void noTriggerDecidesOnASingleSample() {
    int triggers = 0;
    for (JsonNode template : Templates.templates()) {
      for (JsonNode item : template.path("items")) {
        for (JsonNode trigger : item.path("triggers")) {
          triggers++;
          // last() and a one-sample window page on one bad poll (a dropped packet, a probe that
          // lands on a restarting node); every condition must hold over a period or several checks.
          assertThat(trigger.path("expression").asText())
              .as(trigger.path("name").asText())
              .doesNotContain("last(")
              .doesNotContain(",#1)")
              .containsPattern(
                  "(min|max|avg|count)\\(/[^)]*,(\\{\\$[A-Z.]*SUSTAIN\\}|#[2-9])|timeleft\\(/[^)]*,1h,");
        }
      }
    }
    assertThat(triggers).isGreaterThanOrEqualTo(15);
  }

  @Test
  void everyUserParameterIsUsedByATemplateAndEveryTemplateKeyExists() {
    Set<String> used = new HashSet<>();
    for (JsonNode template : Templates.templates()) {
      for (JsonNode item : template.path("items")) {
        String key = item.path("key").asText();
        if (Templates.isAgentItem(item) && key.startsWith("silverjems.")) {
          used.add(key.substring(0, key.indexOf('[')));
        }
      }
    }
    assertThat(Templates.userParameterKeys()).containsExactlyInAnyOrderElementsOf(used);
  }

  private static void collectUuids(JsonNode node, List<String> into) {
    if (node.isObject()) {
      if (node.has("uuid")) {
        into.add(node.get("uuid").asText());
      }
      node.forEach(child -> collectUuids(child, into));
    } else if (node.isArray()) {
      node.forEach(child -> collectUuids(child, into));
    }
  }
}
