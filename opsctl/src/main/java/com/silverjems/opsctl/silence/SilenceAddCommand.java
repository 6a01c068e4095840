package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.ChangeOptions;
import com.silverjems.opsctl.Confirmation;
import com.silverjems.opsctl.Durations;
import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Failures;
import com.silverjems.opsctl.OpsctlException;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.RunContext;
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

  private final RunContext context;

  SilenceAddCommand(RunContext context) {
    this.context = context;
  }

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
      Integer alertmanagerCurrentAlerts,
      List<Systems.Outcome> lookups) {}

  record Result(
      Plan plan,
      List<SilenceEntry> applied,
      List<Systems.Outcome> systems,
      List<String> silencedIn,
      List<String> notSilencedIn,
      List<String> failures) {}

  @Override
  public Integer call() {
    validate();
    Output output = context.output();
    Instant now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    SilenceRequest request =
        new SilenceRequest(newId(), alert, now, now.plus(duration), author.strip(), reason.strip());

    // Every system is looked up on its own: one that cannot be asked must not keep the alert loud
    // in the others.
    Systems lookups = new Systems(output);
    CloudWatchSilences cloudWatch = new CloudWatchSilences(context.aws().cloudWatch());
    List<CloudWatchSilences.Alarm> alarms =
        lookups
            .attempt(
                "cloudwatch",
                "look up alarms",
                () -> {
                  // Sweep before, not beside, the change: a background sweep that read an alarm's
                  // old, ended silence could re-enable it right after this command silenced it.
                  try {
                    ExpiredSilences.report(cloudWatch.sweep(now), output);
                  } catch (RuntimeException e) {
                    output.detail("silence sweep skipped: " + Failures.describe(e));
                  }
                  return cloudWatch.find(alert);
                })
            .orElse(null);
    if (alarms != null) {
      lookups.done("cloudwatch", alarms.size() + " alarm(s) named " + alert);
    }
    List<ZabbixMaintenances.Trigger> triggers = null;
    Optional<ZabbixMaintenances> zabbix = Optional.empty();
    if (silence.zabbixConfigured()) {
      zabbix = lookups.attempt("zabbix", "look up triggers", () -> silence.zabbix().orElseThrow());
      triggers =
          zabbix
              .flatMap(z -> lookups.attempt("zabbix", "look up triggers", () -> z.find(alert)))
              .orElse(null);
      if (triggers != null) {
        lookups.done("zabbix", triggers.size() + " trigger(s) named " + alert);
      }
    }
    Optional<AlertmanagerSilences> alertmanager = silence.alertmanager();
    Integer current = null;
    if (alertmanager.isPresent()) {
      AlertmanagerSilences am = alertmanager.get();
      current =
          lookups.attempt("alertmanager", "look up alerts", () -> am.current(alert)).orElse(null);
      if (current != null) {
        lookups.done("alertmanager", current + " alert(s) named " + alert + " now");
      }
    }
    boolean silenceAlertmanager = alertmanager.isPresent() && current != null;

    List<CloudWatchSilences.Alarm> foundAlarms = alarms == null ? List.of() : alarms;
    List<ZabbixMaintenances.Trigger> foundTriggers = triggers == null ? List.of() : triggers;
    Plan plan =
        new Plan(
            request.id(),
            alert,
            request.startsAt(),
            request.endsAt(),
            request.author(),
            request.reason(),
            foundAlarms.stream().map(CloudWatchSilences.Alarm::name).toList(),
            foundTriggers.stream()
                .map(t -> t.name() + " on " + String.join(",", t.hosts().values()))
                .toList(),
            silenceAlertmanager,
            current,
            lookups.outcomes());
    boolean nothingToSilence =
        foundAlarms.isEmpty() && foundTriggers.isEmpty() && !silenceAlertmanager;
    if (nothingToSilence && lookups.failed().isEmpty()) {
      throw new AlertNotFound(alert, zabbix.isPresent());
    }
    if (nothingToSilence) {
      throw new SilenceIncomplete(
          lookups,
          "nothing silenced: could not look up '"
              + alert
              + "' in "
              + String.join(", ", lookups.failed())
              + (lookups.succeeded().isEmpty()
                  ? ""
                  : ", and "
                      + String.join(", ", lookups.succeeded())
                      + " has nothing of that name"));
    }
    if (!output.json()) {
      render(plan, lookups, output);
    }
    if (foundAlarms.isEmpty() && foundTriggers.isEmpty() && (current == null || current == 0)) {
      output.warn(
          "no CloudWatch alarm, Zabbix trigger or current Alertmanager alert is named '"
              + alert
              + "': check the name");
    }
    if (change.dryRun()) {
      if (output.json()) {
        output.json(
            new Result(
                plan, List.of(), lookups.outcomes(), List.of(), List.of(), lookups.failures()));
      }
      output.progress(
          "dry run: nothing silenced"
              + (lookups.failed().isEmpty()
                  ? ""
                  : "; could not look up " + String.join(", ", lookups.failed())));
      return lookups.exitCode();
    }
    Confirmation.require(
        change,
        context.environment(),
        output,
        "silence " + alert + " for " + Durations.format(duration),
        alert);

    Systems systems = new Systems(output);
    List<SilenceEntry> applied = new ArrayList<>();
    if (!foundAlarms.isEmpty()) {
      systems
          .attempt("cloudwatch", "silence", () -> cloudWatch.apply(request, foundAlarms))
          .ifPresent(
              entries -> {
                applied.addAll(entries);
                systems.done("cloudwatch", "silenced " + entries.size() + " alarm(s)");
              });
    }
    if (zabbix.isPresent() && !foundTriggers.isEmpty()) {
      ZabbixMaintenances z = zabbix.get();
      systems
          .attempt("zabbix", "silence", () -> z.apply(request, foundTriggers))
          .ifPresent(
              entry -> {
                applied.add(entry);
                systems.done("zabbix", "silenced: maintenance " + entry.ref());
              });
    }
    if (silenceAlertmanager) {
      AlertmanagerSilences am = alertmanager.get();
      systems
          .attempt("alertmanager", "silence", () -> am.apply(request))
          .ifPresent(
              entry -> {
                applied.add(entry);
                systems.done("alertmanager", "silenced: silence " + entry.ref());
              });
    }
    // A system whose look-up failed is not silenced either.
    lookups.outcomes().stream().filter(o -> !o.ok()).forEach(o -> systems.record(o));

    List<String> silencedIn = systems.succeeded();
    List<String> notSilencedIn = systems.failed();
    if (output.json()) {
      output.json(
          new Result(
              plan, applied, systems.outcomes(), silencedIn, notSilencedIn, systems.failures()));
    } else {
      Table table = new Table("SILENCED IN", "TARGET", "REF");
      applied.forEach(e -> table.row(e.backend(), e.target(), e.ref()));
      if (!table.isEmpty()) {
        output.table(table);
      }
      for (String system : notSilencedIn) {
        output.line(output.styled("NOT silenced in " + system, Style.RED));
      }
      if (!applied.isEmpty()) {
        output.line(
            "silence "
                + output.styled(request.id(), Style.BOLD)
                + " until "
                + Times.utc(request.endsAt())
                + "; end it early with: opsctl silence expire "
                + request.id());
      }
    }
    if (!notSilencedIn.isEmpty()) {
      throw new SilenceIncomplete(
          systems,
          "silence "
              + request.id()
              + (silencedIn.isEmpty()
                  ? " applied nowhere"
                  : " is active in " + String.join(", ", silencedIn))
              + ", NOT in "
              + String.join(", ", notSilencedIn)
              + (silencedIn.isEmpty()
                  ? ""
                  : " (end it with: opsctl silence expire " + request.id() + ")"));
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

  private static void render(Plan plan, Systems lookups, Output output) {
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
    for (String system : lookups.failed()) {
      table.row("  " + system, Output.cell("cannot tell: look-up failed", Style.RED));
    }
    output.table(table);
    if (plan.cloudWatchAlarms().isEmpty() && !lookups.failed("cloudwatch")) {
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
}
