package com.silverjems.opsctl.silence;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Silences through the Alertmanager v2 API: Prometheus's Alertmanager, or Grafana's built-in one
 * (base URL {@code https://grafana.example/api/alertmanager/grafana} with a service account token).
 * Alertmanager ends silences by itself at {@code endsAt}.
 */
final class AlertmanagerSilences {

  private static final Pattern OPSCTL_COMMENT =
      Pattern.compile("^\\[opsctl ([\\w-]+)] (.*?)(?: \\(by [^)]*\\))?$");

  private final String base;
  private final HttpJson http;

  AlertmanagerSilences(URI base, Optional<String> token) {
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.http = new HttpJson("Alertmanager", token);
  }

  /** How many alerts named {@code alert} Alertmanager holds right now (firing or silenced). */
  int current(String alert) {
    String filter = URLEncoder.encode("alertname=\"" + alert + "\"", StandardCharsets.UTF_8);
    JsonNode alerts = http.send("GET", uri("/api/v2/alerts?filter=" + filter), null, null);
    return alerts.size();
  }

  SilenceEntry apply(SilenceRequest silence) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "matchers",
        List.of(
            Map.of(
                "name", "alertname", "value", silence.alert(), "isRegex", false, "isEqual", true)));
    body.put("startsAt", silence.startsAt().toString());
    body.put("endsAt", silence.endsAt().toString());
    body.put("createdBy", silence.author());
    body.put("comment", silence.comment());
    JsonNode created = http.send("POST", uri("/api/v2/silences"), body, "application/json");
    return new SilenceEntry(
        silence.id(),
        silence.alert(),
        "alertmanager",
        "alertname=\"" + silence.alert() + "\"",
        created.path("silenceID").asText(),
        silence.startsAt(),
        silence.endsAt(),
        silence.author(),
        silence.reason());
  }

  /** The active silences, opsctl's and others'. */
  List<SilenceEntry> list() {
    List<SilenceEntry> entries = new ArrayList<>();
    for (JsonNode silence : http.send("GET", uri("/api/v2/silences"), null, null)) {
      if (!"active".equals(silence.path("status").path("state").asText())) {
        continue;
      }
      String comment = silence.path("comment").asText("");
      Matcher opsctl = OPSCTL_COMMENT.matcher(comment);
      String alert = null;
      List<String> matchers = new ArrayList<>();
      for (JsonNode matcher : silence.path("matchers")) {
        String name = matcher.path("name").asText();
        String value = matcher.path("value").asText();
        boolean equal = matcher.path("isEqual").asBoolean(true);
        boolean regex = matcher.path("isRegex").asBoolean(false);
        matchers.add(name + (equal ? "" : "!") + (regex ? "=~" : "=") + "\"" + value + "\"");
        if ("alertname".equals(name) && equal && !regex) {
          alert = value;
        }
      }
      boolean managed = opsctl.matches();
      entries.add(
          new SilenceEntry(
              managed ? opsctl.group(1) : null,
              alert == null ? String.join(",", matchers) : alert,
              "alertmanager",
              String.join(",", matchers),
              silence.path("id").asText(),
              instant(silence.path("startsAt").asText(null)),
              instant(silence.path("endsAt").asText(null)),
              silence.path("createdBy").asText(null),
              managed ? opsctl.group(2) : comment));
    }
    return entries;
  }

  void expire(SilenceEntry entry) {
    http.send("DELETE", uri("/api/v2/silence/" + entry.ref()), null, null);
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
