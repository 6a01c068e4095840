package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.Failures;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.RunContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every silence in every alerting system, gathered so one view shows them together; a system that
 * cannot be read is reported and the others are still shown.
 */
final class SilenceInventory {

  final List<SilenceEntry> entries = new ArrayList<>();
  final Systems reads;
  final List<String> read = new ArrayList<>();
  final CloudWatchSilences cloudWatch;
  Optional<AlertmanagerSilences> alertmanager = Optional.empty();
  Optional<ZabbixMaintenances> zabbix = Optional.empty();

  private SilenceInventory(CloudWatchSilences cloudWatch, Output output) {
    this.cloudWatch = cloudWatch;
    this.reads = new Systems(output);
  }

  /** Sweeps expired CloudWatch silences first, then reads every system, each on its own. */
  static SilenceInventory gather(RunContext context, SilenceCommand options, Instant now) {
    Output output = context.output();
    SilenceInventory inventory =
        new SilenceInventory(new CloudWatchSilences(context.aws().cloudWatch()), output);
    inventory.read(
        "cloudwatch",
        () -> {
          try {
            ExpiredSilences.report(inventory.cloudWatch.sweep(now), output);
          } catch (RuntimeException e) {
            output.detail("silence sweep skipped: " + Failures.describe(e));
          }
          return inventory.cloudWatch.list();
        });
    inventory.alertmanager =
        inventory.reads.attempt(
            "alertmanager", "read silences", () -> options.alertmanager().orElse(null));
    inventory.alertmanager.ifPresent(a -> inventory.read("alertmanager", a::list));
    if (options.zabbixConfigured()) {
      inventory.zabbix =
          inventory.reads.attempt("zabbix", "read silences", () -> options.zabbix().orElseThrow());
      inventory.zabbix.ifPresent(z -> inventory.read("zabbix", () -> z.list(now)));
    }
    return inventory;
  }

  private void read(String system, Supplier<List<SilenceEntry>> reader) {
    reads
        .attempt(system, "read silences", reader)
        .ifPresent(
            found -> {
              entries.addAll(found);
              read.add(system);
              reads.done(system, found.size() + " silence(s) read");
            });
  }

  /** Ends the given silences in their systems, each system on its own. */
  Systems expire(List<SilenceEntry> chosen, Output output) {
    Systems systems = new Systems(output);
    List<SilenceEntry> alarms =
        chosen.stream().filter(e -> "cloudwatch".equals(e.backend())).toList();
    if (!alarms.isEmpty()) {
      systems
          .attempt(
              "cloudwatch",
              "end silences",
              () -> {
                cloudWatch.expire(alarms);
                return alarms.size();
              })
          .ifPresent(n -> systems.done("cloudwatch", "ended on " + n + " alarm(s)"));
    }
    List<SilenceEntry> silences =
        chosen.stream().filter(e -> "alertmanager".equals(e.backend())).toList();
    if (!silences.isEmpty()) {
      AlertmanagerSilences am = alertmanager.orElseThrow();
      int ended = 0;
      for (SilenceEntry entry : silences) {
        if (systems
            .attempt(
                "alertmanager",
                "end silence " + entry.ref(),
                () -> {
                  am.expire(entry);
                  return entry;
                })
            .isPresent()) {
          ended++;
        }
      }
      if (ended > 0) {
        systems.done("alertmanager", "ended " + ended + " silence(s)");
      }
    }
    List<SilenceEntry> maintenances =
        chosen.stream().filter(e -> "zabbix".equals(e.backend())).toList();
    if (!maintenances.isEmpty()) {
      ZabbixMaintenances z = zabbix.orElseThrow();
      systems
          .attempt(
              "zabbix",
              "end maintenances",
              () -> {
                z.expire(maintenances);
                return maintenances.size();
              })
          .ifPresent(n -> systems.done("zabbix", "deleted " + n + " maintenance(s)"));
    }
    return systems;
  }
}
