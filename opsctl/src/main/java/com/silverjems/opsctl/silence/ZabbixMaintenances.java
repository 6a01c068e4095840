package com.silverjems.opsctl.silence;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.opsctl.CallFailed;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Silences in Zabbix (6.0 JSON-RPC API): a maintenance period, with data collection, on the hosts
 * where a trigger of that name is defined, narrowed to the trigger's problem tags so other problems
 * on those hosts still alert. Zabbix ends the maintenance by itself at {@code active_till}.
 */
final class ZabbixMaintenances {

  static final String NAME_PREFIX = "opsctl ";

  /** A trigger with the alert's name, and where it lives. */
  record Trigger(
      String id, String name, Map<String, String> hosts, List<Map<String, String>> tags) {}

  private final URI url;
  private final String token;
  private final HttpJson http;
  private final AtomicInteger ids = new AtomicInteger();

  ZabbixMaintenances(URI url, String token, Duration timeout) {
    this.url = url;
    this.token = token;
    this.http = new HttpJson("Zabbix", Optional.empty(), timeout);
  }

  List<Trigger> find(String alert) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("output", List.of("triggerid", "description"));
    params.put("filter", Map.of("description", List.of(alert)));
    params.put("selectHosts", List.of("hostid", "host"));
    params.put("selectTags", "extend");
    List<Trigger> triggers = new ArrayList<>();
    for (JsonNode trigger : call("trigger.get", params)) {
      Map<String, String> hosts = new LinkedHashMap<>();
      trigger
          .path("hosts")
          .forEach(h -> hosts.put(h.path("hostid").asText(), h.path("host").asText()));
      List<Map<String, String>> tags = new ArrayList<>();
      trigger
          .path("tags")
          .forEach(
              t ->
                  tags.add(
                      Map.of("tag", t.path("tag").asText(), "value", t.path("value").asText(""))));
      triggers.add(
          new Trigger(
              trigger.path("triggerid").asText(),
              trigger.path("description").asText(),
              hosts,
              tags));
    }
    return triggers;
  }

  SilenceEntry apply(SilenceRequest silence, List<Trigger> triggers) {
    Set<String> hostIds = new LinkedHashSet<>();
    Set<String> hostNames = new LinkedHashSet<>();
    Set<Map<String, String>> tags = new LinkedHashSet<>();
    for (Trigger trigger : triggers) {
      hostIds.addAll(trigger.hosts().keySet());
      hostNames.addAll(trigger.hosts().values());
      tags.addAll(trigger.tags());
    }
    long since = silence.startsAt().getEpochSecond();
    long till = silence.endsAt().getEpochSecond();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("name", name(silence));
    params.put("active_since", since);
    params.put("active_till", till);
    params.put("description", silence.comment());
    params.put("maintenance_type", 0); // with data collection: only notifications pause
    params.put("hostids", List.copyOf(hostIds));
    params.put(
        "timeperiods",
        List.of(Map.of("timeperiod_type", 0, "start_date", since, "period", till - since)));
    if (!tags.isEmpty()) {
      params.put("tags_evaltype", 0); // and/or
      List<Map<String, Object>> conditions = new ArrayList<>();
      for (Map<String, String> tag : tags) {
        conditions.add(Map.of("tag", tag.get("tag"), "operator", 0, "value", tag.get("value")));
      }
      params.put("tags", conditions);
    }
    JsonNode created = call("maintenance.create", params);
    return new SilenceEntry(
        silence.id(),
        silence.alert(),
        "zabbix",
        "hosts "
            + String.join(",", hostNames)
            + (tags.isEmpty() ? " (all problems)" : " (tags " + tags.size() + ")"),
        created.path("maintenanceids").path(0).asText(),
        silence.startsAt(),
        silence.endsAt(),
        silence.author(),
        silence.reason());
  }

  /** Maintenances still active: opsctl's and others'. */
  List<SilenceEntry> list(Instant now) {
    List<SilenceEntry> entries = new ArrayList<>();
    for (JsonNode maintenance : all()) {
      Instant till = Instant.ofEpochSecond(maintenance.path("active_till").asLong());
      if (!till.isAfter(now)) {
        continue;
      }
      entries.add(entry(maintenance, till));
    }
    return entries;
  }

  /** opsctl's maintenances whose end has passed: kept by Zabbix forever unless deleted. */
  List<SilenceEntry> ended(Instant now) {
    List<SilenceEntry> entries = new ArrayList<>();
    for (JsonNode maintenance : all()) {
      Instant till = Instant.ofEpochSecond(maintenance.path("active_till").asLong());
      SilenceEntry entry = entry(maintenance, till);
      if (entry.managed() && !till.isAfter(now)) {
        entries.add(entry);
      }
    }
    return entries;
  }

  void expire(List<SilenceEntry> entries) {
    if (!entries.isEmpty()) {
      call("maintenance.delete", entries.stream().map(SilenceEntry::ref).toList());
    }
  }

  private JsonNode all() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("output", "extend");
    params.put("selectHosts", List.of("host"));
    return call("maintenance.get", params);
  }

  private static SilenceEntry entry(JsonNode maintenance, Instant till) {
    String name = maintenance.path("name").asText();
    String id = null;
    String alert = name;
    if (name.startsWith(NAME_PREFIX)) {
      String[] parts = name.substring(NAME_PREFIX.length()).split(" ", 2);
      if (parts.length == 2) {
        id = parts[0];
        alert = parts[1];
      }
    }
    List<String> hosts = new ArrayList<>();
    maintenance.path("hosts").forEach(h -> hosts.add(h.path("host").asText()));
    String description = maintenance.path("description").asText("");
    return new SilenceEntry(
        id,
        alert,
        "zabbix",
        "hosts " + String.join(",", hosts),
        maintenance.path("maintenanceid").asText(),
        Instant.ofEpochSecond(maintenance.path("active_since").asLong()),
        till,
        null,
        description);
  }

  /** Maintenance names are unique and at most 128 characters in Zabbix 6.0. */
  private static String name(SilenceRequest silence) {
    String name = NAME_PREFIX + silence.id() + " " + silence.alert();
    return name.length() > 128 ? name.substring(0, 128) : name;
  }

  private JsonNode call(String method, Object params) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("jsonrpc", "2.0");
    request.put("method", method);
    request.put("params", params);
    request.put("auth", token); // Zabbix 6.0 takes the API token in the body
    request.put("id", ids.incrementAndGet());
    JsonNode response = http.send(method, "POST", url, request, "application/json-rpc", false);
    JsonNode error = response.path("error");
    if (error.isObject()) {
      String data = error.path("data").asText("");
      String message = (error.path("message").asText("") + " " + data).strip();
      throw new CallFailed(
          "Zabbix",
          method,
          url.getScheme() + "://" + url.getAuthority(),
          200,
          null,
          error.path("code").isMissingNode() ? null : "JSON-RPC " + error.path("code").asText(),
          message,
          null);
    }
    if (!response.has("result")) {
      throw http.wrongShape(method, url, "neither result nor error");
    }
    return response.path("result");
  }
}
