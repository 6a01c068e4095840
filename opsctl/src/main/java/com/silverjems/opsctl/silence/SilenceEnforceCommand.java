package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Opsctl;
import com.silverjems.opsctl.Output;
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

  @Spec CommandSpec spec;

  @ParentCommand SilenceCommand silence;

  record Result(List<SilenceEntry> ended, List<String> failures) {}

  @Override
  public Integer call() {
    Opsctl root = Opsctl.root(spec);
    Output output = root.output();
    Instant now = root.environment().clock().instant();
    List<SilenceEntry> ended = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try {
      List<SilenceEntry> alarms = new CloudWatchSilences(root.aws().cloudWatch()).sweep(now);
      ExpiredSilences.report(alarms, output);
      ended.addAll(alarms);
    } catch (RuntimeException e) {
      failures.add("cloudwatch: " + e.getMessage());
    }
    try {
      silence
          .zabbix()
          .ifPresent(
              zabbix -> {
                List<SilenceEntry> maintenances = zabbix.ended(now);
                zabbix.expire(maintenances);
                ended.addAll(maintenances);
              });
    } catch (RuntimeException e) {
      failures.add("zabbix: " + e.getMessage());
    }
    if (output.json()) {
      output.json(new Result(ended, failures));
    } else {
      output.line(ended.size() + " ended silence(s) cleaned up");
    }
    failures.forEach(output::warn);
    return failures.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
  }
}
