package com.silverjems.observability.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.observability.grafana.Provisioning.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Contact points, notification policies and mute timings: every alert reaches someone. */
class AlertingProvisioningTest {

  private static JsonNode file(String name) {
    Path path = Provisioning.root().resolve("provisioning/alerting").resolve(name);
    JsonNode node = Provisioning.yaml(path);
    assertThat(node.path("apiVersion").asInt()).as(name).isEqualTo(1);
    return node;
  }

  private static Set<String> contactPoints() {
    Set<String> names = new HashSet<>();
    Set<String> uids = new HashSet<>();
    for (JsonNode cp : file("contact-points.yaml").path("contactPoints")) {
      assertThat(names.add(cp.path("name").asText())).as("contact point name unique").isTrue();
      for (JsonNode receiver : cp.path("receivers")) {
        assertThat(uids.add(receiver.path("uid").asText())).as("receiver uid unique").isTrue();
        assertThat(receiver.path("type").asText())
            .isIn("sns", "email", "slack", "webhook", "pagerduty");
        assertThat(receiver.path("settings").size()).isPositive();
      }
    }
    return names;
  }

  private static Set<String> muteTimings() {
    Set<String> names = new HashSet<>();
    for (JsonNode mt : file("mute-timings.yaml").path("muteTimes")) {
      names.add(mt.path("name").asText());
      for (JsonNode interval : mt.path("time_intervals")) {
        for (JsonNode time : interval.path("times")) {
          assertThat(time.path("start_time").asText()).matches("([01][0-9]|2[0-3]):[0-5][0-9]");
          assertThat(time.path("end_time").asText()).matches("([01][0-9]|2[0-4]):[0-5][0-9]");
          assertThat(time.path("start_time").asText()).isLessThan(time.path("end_time").asText());
        }
        assertThat(interval.path("location").asText()).isNotBlank();
      }
    }
    return names;
  }

  @Test
  void policiesReferenceExistingContactPointsAndMuteTimings() {
    Set<String> contactPoints = contactPoints();
    Set<String> muteTimings = muteTimings();
    assertThat(muteTimings).contains("planned-maintenance");
    List<JsonNode> policies = new ArrayList<>();
    collect(file("notification-policies.yaml").path("policies").get(0), policies);
    for (JsonNode policy : policies) {
      assertThat(contactPoints).contains(policy.path("receiver").asText());
      policy.path("mute_time_intervals").forEach(m -> assertThat(muteTimings).contains(m.asText()));
    }
  }

  @Test
  void everyAlertRoutesToTheReceiverItsSeverityCallsFor() {
    JsonNode root = file("notification-policies.yaml").path("policies").get(0);
    Map<String, String> expected = Map.of("page", "on-call-pager", "ticket", "team-email");
    Map<String, String> routed = new TreeMap<>();
    for (Rule alert : Provisioning.rules()) {
      if (alert.isAlert()) {
        Map<String, String> labels = new TreeMap<>();
        alert
            .node()
            .path("labels")
            .fields()
            .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        labels.put("alertname", alert.name());
        JsonNode policy = route(root, labels).orElse(root);
        routed.put(alert.name(), policy.path("receiver").asText());
        assertThat(policy.path("receiver").asText())
            .as("%s (severity %s)", alert.name(), alert.label("severity"))
            .isEqualTo(expected.get(alert.label("severity")));
        assertThat(policy.path("mute_time_intervals").toString())
            .as("%s is muted during planned maintenance", alert.name())
            .contains("planned-maintenance");
      }
    }
    assertThat(routed).isNotEmpty();
  }

  /** Grafana's first matching child route (no child sets continue). */
  private static Optional<JsonNode> route(JsonNode policy, Map<String, String> labels) {
    for (JsonNode child : policy.path("routes")) {
      boolean matches = true;
      for (JsonNode matcher : child.path("object_matchers")) {
        String value = labels.getOrDefault(matcher.get(0).asText(), "");
        String op = matcher.get(1).asText();
        String wanted = matcher.get(2).asText();
        matches &=
            switch (op) {
              case "=" -> value.equals(wanted);
              case "!=" -> !value.equals(wanted);
              case "=~" -> value.matches(wanted);
              case "!~" -> !value.matches(wanted);
              default -> throw new AssertionError("unknown matcher " + op);
            };
      }
      if (matches) {
        return route(child, labels).or(() -> Optional.of(child));
      }
    }
    return Optional.empty();
  }

  private static void collect(JsonNode policy, List<JsonNode> into) {
    into.add(policy);
    policy.path("routes").forEach(child -> collect(child, into));
  }
}
