package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.RunContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code opsctl silence enforce}: the scheduled end of silences. CloudWatch cannot end a silence by
 * itself, so run this every 5 minutes (cron, or an EventBridge Scheduler rule running it as an ECS
 * task); it also deletes ended opsctl maintenances that Zabbix would keep forever.
 */
@Command(
    header = "End silences whose time is up (run on a schedule).",
    name = "enforce",
    description =
        "Re-enable CloudWatch alarms whose opsctl silence has ended and delete ended opsctl Zabbix maintenances. Schedule it every 5 minutes (cron or EventBridge Scheduler).",
    mixinStandardHelpOptions = true)
public final class SilenceEnforceCommand implements Callable<Integer> {

  private final RunContext context;

  SilenceEnforceCommand(RunContext context) {
    this.context = context;
  }

  @Spec CommandSpec spec;

  @ParentCommand SilenceCommand silence;

  record Result(List<SilenceEntry> ended, List<Systems.Outcome> systems, List<String> failures) {}

  @Override
  public Integer call() {
    Output output = context.output();
    Instant now = context.clock().instant();
    List<SilenceEntry> ended = new ArrayList<>();
    Systems systems = new Systems(output);
    systems
        .attempt(
            "cloudwatch",
            "end expired silences",
            () -> new CloudWatchSilences(context.aws().cloudWatch()).sweep(now))
        .ifPresent(
            alarms -> {
              ExpiredSilences.report(alarms, output);
              ended.addAll(alarms);
              systems.done("cloudwatch", alarms.size() + " alarm(s) re-enabled");
            });
    if (silence.zabbixConfigured()) {
      systems
          .attempt("zabbix", "delete ended maintenances", () -> silence.zabbix().orElseThrow())
          .flatMap(
              zabbix ->
                  systems.attempt(
                      "zabbix",
                      "delete ended maintenances",
                      () -> {
                        List<SilenceEntry> maintenances = zabbix.ended(now);
                        zabbix.expire(maintenances);
                        return maintenances;
                      }))
          .ifPresent(
              maintenances -> {
                ended.addAll(maintenances);
                systems.done("zabbix", maintenances.size() + " maintenance(s) deleted");
              });
    }
    if (output.json()) {
      output.json(new Result(ended, systems.outcomes(), systems.failures()));
    } else {
      output.line(ended.size() + " ended silence(s) cleaned up");
    }
    if (!systems.failed().isEmpty()) {
      throw new SilenceIncomplete(
          systems,
          "ended silences cleaned up in "
              + (systems.succeeded().isEmpty()
                  ? "no system"
                  : String.join(", ", systems.succeeded()))
              + ", NOT in "
              + String.join(", ", systems.failed()));
    }
    return ExitCode.OK;
  }
}
