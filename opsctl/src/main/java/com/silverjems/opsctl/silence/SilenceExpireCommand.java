package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Opsctl;
import com.silverjems.opsctl.OpsctlException;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code opsctl silence expire ID}: end a silence now, everywhere. It restores alerting, the safe
 * direction, so it does not ask for confirmation; {@code --dry-run} shows what would end.
 */
@Command(
    header = "End silences now, everywhere.",
    name = "expire",
    description = "End opsctl silences now in every system, by silence id or by alert name.",
    mixinStandardHelpOptions = true)
public final class SilenceExpireCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand SilenceCommand silence;

  @ArgGroup(multiplicity = "1")
  Selection selection;

  static final class Selection {
    @Parameters(paramLabel = "ID", arity = "1..*", description = "Silence ids (s-...).")
    List<String> ids;

    @Option(
        names = "--alert",
        paramLabel = "ALERT",
        description = "Every opsctl silence of this alert.")
    String alert;
  }

  @Option(names = "--dry-run", description = "Show what would end, end nothing.")
  boolean dryRun;

  record Result(List<SilenceEntry> expired, List<String> failures, boolean dryRun) {}

  @Override
  public Integer call() {
    Opsctl root = Opsctl.root(spec);
    Output output = root.output();
    Instant now = root.environment().clock().instant();
    SilenceInventory inventory = SilenceInventory.gather(root, silence, now);
    List<SilenceEntry> chosen = new ArrayList<>();
    for (SilenceEntry entry : inventory.entries) {
      boolean wanted =
          entry.managed()
              && (selection.alert != null
                  ? selection.alert.equals(entry.alert())
                  : selection.ids.contains(entry.id()));
      if (wanted) {
        chosen.add(entry);
      }
    }
    if (chosen.isEmpty()) {
      throw new SilenceNotFound(
          selection.alert != null
              ? "for alert '" + selection.alert + "'"
              : String.join(", ", selection.ids),
          inventory.failures);
    }
    List<String> failures = new ArrayList<>(inventory.failures);
    if (!dryRun) {
      failures.addAll(inventory.expire(chosen));
    }
    if (output.json()) {
      output.json(new Result(chosen, failures, dryRun));
    } else {
      Table table = new Table(dryRun ? "WOULD END" : "ENDED", "ALERT", "SYSTEM", "TARGET");
      chosen.forEach(e -> table.row(e.id(), e.alert(), e.backend(), e.target()));
      output.table(table);
      if (dryRun) {
        output.progress("dry run: nothing ended");
      }
    }
    if (!failures.isEmpty()) {
      failures.forEach(f -> output.warn(f));
      return ExitCode.FAILED;
    }
    return ExitCode.OK;
  }

  /** No active opsctl silence matches. */
  static final class SilenceNotFound extends OpsctlException {
    SilenceNotFound(String what, List<String> unreadable) {
      super(
          ExitCode.NOT_FOUND,
          "no active opsctl silence "
              + what
              + ("".equals(String.join("", unreadable))
                  ? ""
                  : " (unreadable: " + String.join("; ", unreadable) + ")")
              + "; 'opsctl silence list' shows them");
    }
  }
}
