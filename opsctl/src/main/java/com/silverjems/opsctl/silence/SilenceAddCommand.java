package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.ChangeOptions;
import com.silverjems.opsctl.Confirmation;
import com.silverjems.opsctl.Durations;
import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Opsctl;
import com.silverjems.opsctl.OpsctlException;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.Style;
import com.silverjems.opsctl.Table;
import com.silverjems.opsctl.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code opsctl silence add ALERT --for 2h --reason ... --author ...}. */
@Command(
    header = "Silence an alert for a duration, with a reason and an author.",
    name = "add",
    description =
        "Silence ALERT for a duration everywhere it is defined: CloudWatch alarms of that name, Zabbix triggers of that name, and alertname=ALERT in Alertmanager. Asks you to type the alert name unless --yes.",
    mixinStandardHelpOptions = true)
public final class SilenceAddCommand implements Callable<Integer> {

  /** Longer silences are forgotten silences: beyond a week, fix or delete the alert instead. */
  static final Duration LONGEST = Duration.ofDays(7);

  @Spec CommandSpec spec;

  @ParentCommand SilenceCommand silence;

  @Mixin ChangeOptions change;

  @Parameters(index = "0", paramLabel = "ALERT", description = "Alarm / alert / trigger name.")
  String alert;

  @Option(
      names = "--for",
      required = true,
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "How long, e.g. 30m, 2h, 1d (at most 7d).")
  Duration duration;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (required).")
  String reason;

  @Option(
      names = "--author",
      paramLabel = "NAME",
      description = "Who silences (required; env OPSCTL_AUTHOR, config 'author').")
  String author;

  record Plan(
      String id,
      String alert,
      Instant startsAt,
      Instant endsAt,
      String author,
      String reason,
      List<String> cloudWatchAlarms,
      List<String> zabbixTriggers,
      boolean alertmanager,
      Integer alertmanagerCurrentAlerts) {}

  record Result(Plan plan, List<SilenceEntry> applied, List<String> failures) {}

  @Override
  public Integer call() {
    validate();
    Opsctl root = Opsctl.root(spec);
    Output output = root.output();
    Instant now = root.environment().clock().instant().truncatedTo(ChronoUnit.SECONDS);
    SilenceRequest request =
        new SilenceRequest(newId(), alert, now, now.plus(duration), author.strip(), reason.strip());

    CloudWatchSilences cloudWatch = new CloudWatchSilences(root.aws().cloudWatch());
    // Sweep before, not beside, the change: a background sweep that read an alarm's old, ended
    // silence could re-enable it right after this command silenced it again.
    try {
      ExpiredSilences.report(cloudWatch.sweep(now), output);
    } catch (RuntimeException e) {
      output.detail("silence sweep skipped: " + e.getMessage());
    }
    List<CloudWatchSilences.Alarm> alarms = cloudWatch.find(alert);
    // A system that cannot be asked must not keep the alert loud in the others.
    List<String> failures = new ArrayList<>();
    Optional<ZabbixMaintenances> zabbix = silence.zabbix();
    List<ZabbixMaintenances.Trigger> triggers = List.of();
    if (zabbix.isPresent()) {
      try {
        triggers = zabbix.get().find(alert);
      } catch (RuntimeException e) {
        failures.add("zabbix: " + e.getMessage());
        output.warn("cannot look up Zabbix triggers: " + e.getMessage());
      }
    }
    Optional<AlertmanagerSilences> alertmanager = silence.alertmanager();
    Integer current = null;
    if (alertmanager.isPresent()) {
      try {
        current = alertmanager.get().current(alert);
      } catch (RuntimeException e) {
        failures.add("alertmanager: " + e.getMessage());
        output.warn("cannot reach Alertmanager: " + e.getMessage());
        alertmanager = Optional.empty();
      }
    }

    Plan plan =
        new Plan(
            request.id(),
            alert,
            request.startsAt(),
            request.endsAt(),
            request.author(),
            request.reason(),
            alarms.stream().map(CloudWatchSilences.Alarm::name).toList(),
            triggers.stream()
                .map(t -> t.name() + " on " + String.join(",", t.hosts().values()))
                .toList(),
            alertmanager.isPresent(),
            current);
    if (alarms.isEmpty() && triggers.isEmpty() && alertmanager.isEmpty()) {
      if (!failures.isEmpty()) {
        throw new SilenceIncomplete(request.id(), failures);
      }
      throw new AlertNotFound(alert, zabbix.isPresent());
    }
    if (!output.json()) {
      render(plan, output, root);
    }
    if (alarms.isEmpty() && triggers.isEmpty() && (current == null || current == 0)) {
      output.warn(
          "no CloudWatch alarm, Zabbix trigger or current Alertmanager alert is named '"
              + alert
              + "': check the name");
    }
    if (change.dryRun()) {
      output.progress("dry run: nothing silenced");
      if (output.json()) {
        output.json(new Result(plan, List.of(), List.of()));
      }
      return ExitCode.OK;
    }
    Confirmation.require(
        change,
        root.environment(),
        output,
        "silence " + alert + " for " + Durations.format(duration),
        alert);

    List<SilenceEntry> applied = new ArrayList<>();
    attempt(
        "cloudwatch", failures, output, () -> applied.addAll(cloudWatch.apply(request, alarms)));
    if (zabbix.isPresent() && !triggers.isEmpty()) {
      List<ZabbixMaintenances.Trigger> found = triggers;
      attempt("zabbix", failures, output, () -> applied.add(zabbix.get().apply(request, found)));
    }
    alertmanager.ifPresent(
        a -> attempt("alertmanager", failures, output, () -> applied.add(a.apply(request))));

    if (output.json()) {
      output.json(new Result(plan, applied, failures));
    } else {
      Table table = new Table("SILENCED IN", "TARGET", "REF");
      applied.forEach(e -> table.row(e.backend(), e.target(), e.ref()));
      output.table(table);
      output.line(
          "silence "
              + output.styled(request.id(), Style.BOLD)
              + " until "
              + Times.utc(request.endsAt())
              + "; end it early with: opsctl silence expire "
              + request.id());
    }
    if (!failures.isEmpty()) {
      throw new SilenceIncomplete(request.id(), failures);
    }
    return ExitCode.OK;
  }

  private void validate() {
    if (duration.isZero() || duration.isNegative() || duration.compareTo(LONGEST) > 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--for must be between 1s and 7d (got " + Durations.format(duration) + ")");
    }
    if (reason == null || reason.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--reason must say why");
    }
    if (author == null || author.isBlank()) {
      throw new ParameterException(
          spec.commandLine(),
          "--author is required (or set OPSCTL_AUTHOR, or 'author' in the config file)");
    }
  }

  /** One system failing must not stop the others: the alert is silenced where it can be. */
  private static void attempt(
      String backend, List<String> failures, Output output, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      String message = backend + ": " + e.getMessage();
      failures.add(message);
      output.warn("could not silence in " + message);
    }
  }

  private static void render(Plan plan, Output output, Opsctl root) {
    output.line(
        "Silence "
            + output.styled(plan.alert(), Style.BOLD)
            + " for "
            + Durations.format(Duration.between(plan.startsAt(), plan.endsAt()))
            + ", until "
            + Times.utc(plan.endsAt())
            + ", by "
            + plan.author()
            + ": "
            + plan.reason());
    Table table = new Table("  SYSTEM", "TARGET");
    plan.cloudWatchAlarms()
        .forEach(a -> table.row("  cloudwatch", "alarm " + a + " (actions disabled)"));
    plan.zabbixTriggers().forEach(t -> table.row("  zabbix", "maintenance for trigger " + t));
    if (plan.alertmanager()) {
      table.row(
          "  alertmanager",
          "alertname=\""
              + plan.alert()
              + "\" ("
              + plan.alertmanagerCurrentAlerts()
              + " alert(s) now)");
    }
    output.table(table);
    if (plan.cloudWatchAlarms().isEmpty()) {
      output.line("  (no CloudWatch alarm named " + plan.alert() + ")");
    }
  }

  private static String newId() {
    byte[] bytes = new byte[4];
    ThreadLocalRandom.current().nextBytes(bytes);
    return "s-" + HexFormat.of().formatHex(bytes);
  }

  /** No alerting system defines the alert. */
  static final class AlertNotFound extends OpsctlException {
    AlertNotFound(String alert, boolean zabbix) {
      super(
          ExitCode.NOT_FOUND,
          "no CloudWatch alarm"
              + (zabbix ? " or Zabbix trigger" : "")
              + " is named '"
              + alert
              + "', and no Alertmanager is configured (--alertmanager-url)");
    }
  }

  /** The silence was applied in some systems only. */
  static final class SilenceIncomplete extends OpsctlException {
    SilenceIncomplete(String id, List<String> failures) {
      super(
          ExitCode.FAILED,
          "silence "
              + id
              + " applied only partly; failed in "
              + String.join("; ", failures)
              + " (expire with: opsctl silence expire "
              + id
              + ")");
    }
  }
}
