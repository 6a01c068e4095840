package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.Opsctl;
import com.silverjems.opsctl.Output;
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
  final List<String> failures = new ArrayList<>();
  final CloudWatchSilences cloudWatch;
  final Optional<AlertmanagerSilences> alertmanager;
  final Optional<ZabbixMaintenances> zabbix;

  private SilenceInventory(
      CloudWatchSilences cloudWatch,
      Optional<AlertmanagerSilences> alertmanager,
      Optional<ZabbixMaintenances> zabbix) {
    this.cloudWatch = cloudWatch;
    this.alertmanager = alertmanager;
    this.zabbix = zabbix;
  }

  /** Sweeps expired CloudWatch silences first, then reads every system. */
  static SilenceInventory gather(Opsctl root, SilenceCommand options, Instant now) {
    Output output = root.output();
    SilenceInventory inventory =
        new SilenceInventory(
            new CloudWatchSilences(root.aws().cloudWatch()),
            options.alertmanager(),
            options.zabbix());
    inventory.read(
        "cloudwatch",
        output,
        () -> {
          ExpiredSilences.report(inventory.cloudWatch.sweep(now), output);
          return inventory.cloudWatch.list();
        });
    inventory.alertmanager.ifPresent(a -> inventory.read("alertmanager", output, a::list));
    inventory.zabbix.ifPresent(z -> inventory.read("zabbix", output, () -> z.list(now)));
    return inventory;
  }

  private void read(String backend, Output output, Supplier<List<SilenceEntry>> reader) {
    try {
      entries.addAll(reader.get());
    } catch (RuntimeException e) {
      failures.add(backend + ": " + e.getMessage());
      output.warn("cannot read silences from " + backend + ": " + e.getMessage());
    }
  }

  /** Ends the given silences in their systems; returns failures. */
  List<String> expire(List<SilenceEntry> chosen) {
    List<String> problems = new ArrayList<>();
    List<SilenceEntry> alarms =
        chosen.stream().filter(e -> "cloudwatch".equals(e.backend())).toList();
    try {
      cloudWatch.expire(alarms);
    } catch (RuntimeException e) {
      problems.add("cloudwatch: " + e.getMessage());
    }
    for (SilenceEntry entry : chosen) {
      try {
        if ("alertmanager".equals(entry.backend())) {
          alertmanager.orElseThrow().expire(entry);
        }
      } catch (RuntimeException e) {
        problems.add("alertmanager: " + e.getMessage());
      }
    }
    List<SilenceEntry> maintenances =
        chosen.stream().filter(e -> "zabbix".equals(e.backend())).toList();
    try {
      if (!maintenances.isEmpty()) {
        zabbix.orElseThrow().expire(maintenances);
      }
    } catch (RuntimeException e) {
      problems.add("zabbix: " + e.getMessage());
    }
    return problems;
  }
}
