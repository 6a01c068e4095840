package com.silverjems.opsctl.silence;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

  AlertmanagerSilences(URI base, Optional<String> token, Duration timeout) {
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.http = new HttpJson("Alertmanager", token, timeout);
  }

  /** How many alerts named {@code alert} Alertmanager holds right now (firing or silenced). */
  int current(String alert) {
    String filter = URLEncoder.encode("alertname=\"" + alert + "\"", StandardCharsets.UTF_8);
    URI uri = uri("/api/v2/alerts?filter=" + filter);
    JsonNode alerts = http.send("GET /api/v2/alerts", "GET", uri, null, null, false);
    if (!alerts.isArray()) {
      throw http.wrongShape("GET /api/v2/alerts", uri, "not a list of alerts");
    }
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
    URI uri = uri("/api/v2/silences");
    JsonNode created =
        http.send("POST /api/v2/silences", "POST", uri, body, "application/json", false);
    if (!created.path("silenceID").isTextual()) {
      throw http.wrongShape("POST /api/v2/silences", uri, "no silenceID");
    }
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
    URI uri = uri("/api/v2/silences");
    JsonNode silences = http.send("GET /api/v2/silences", "GET", uri, null, null, false);
    if (!silences.isArray()) {
      throw http.wrongShape("GET /api/v2/silences", uri, "not a list of silences");
    }
    for (JsonNode silence : silences) {
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
    http.send(
        "DELETE /api/v2/silence/" + entry.ref(),
        "DELETE",
        uri("/api/v2/silence/" + entry.ref()),
        null,
        null,
        true);
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }
}
