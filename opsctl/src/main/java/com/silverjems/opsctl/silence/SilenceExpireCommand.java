package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.OpsctlException;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.RunContext;
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

  private final RunContext context;

  SilenceExpireCommand(RunContext context) {
    this.context = context;
  }

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

  record Result(
      List<SilenceEntry> expired,
      List<Systems.Outcome> systems,
      List<String> failures,
      boolean dryRun) {}

  @Override
  public Integer call() {
    Output output = context.output();
    Instant now = context.clock().instant();
    SilenceInventory inventory = SilenceInventory.gather(context, silence, now);
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
    String what =
        selection.alert != null
            ? "for alert '" + selection.alert + "'"
            : String.join(", ", selection.ids);
    if (chosen.isEmpty()) {
      if (!inventory.reads.failed().isEmpty()) {
        throw new SilenceIncomplete(
            inventory.reads,
            "no active opsctl silence "
                + what
                + (inventory.read.isEmpty() ? "" : " in " + String.join(", ", inventory.read))
                + ", and could not read "
                + String.join(", ", inventory.reads.failed())
                + ": nothing ended");
      }
      throw new SilenceNotFound(what);
    }
    Systems systems = dryRun ? new Systems(output) : inventory.expire(chosen, output);
    inventory.reads.outcomes().stream().filter(o -> !o.ok()).forEach(systems::record);
    if (output.json()) {
      output.json(new Result(chosen, systems.outcomes(), systems.failures(), dryRun));
    } else {
      Table table = new Table(dryRun ? "WOULD END" : "ENDED", "ALERT", "SYSTEM", "TARGET");
      chosen.stream()
          .filter(e -> dryRun || !systems.failed(e.backend()))
          .forEach(e -> table.row(e.id(), e.alert(), e.backend(), e.target()));
      if (!table.isEmpty()) {
        output.table(table);
      }
      if (dryRun) {
        output.progress("dry run: nothing ended");
      }
    }
    if (!systems.failed().isEmpty()) {
      List<String> done = systems.succeeded();
      throw new SilenceIncomplete(
          systems,
          (dryRun ? "dry run: " : "")
              + "silence "
              + what
              + (dryRun ? " could be ended in " : " ended in ")
              + (done.isEmpty() ? "no system" : String.join(", ", done))
              + ", NOT in "
              + String.join(", ", systems.failed()));
    }
    return ExitCode.OK;
  }

  /** No active opsctl silence matches. */
  static final class SilenceNotFound extends OpsctlException {
    SilenceNotFound(String what) {
      super(
          ExitCode.NOT_FOUND,
          "no active opsctl silence " + what + "; 'opsctl silence list' shows them");
    }
  }
}
