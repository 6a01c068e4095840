package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.RunContext;
import com.silverjems.opsctl.Style;
import com.silverjems.opsctl.Table;
import com.silverjems.opsctl.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code opsctl silence list}: what is silenced right now, everywhere. */
@Command(
    header = "Show what is silenced now, in every alerting system.",
    name = "list",
    description =
        "Active silences in every system, grouped by opsctl silence id; also alarms disabled by hand and silences made outside opsctl, which nothing will end. Ended CloudWatch silences are re-enabled first.",
    mixinStandardHelpOptions = true)
public final class SilenceListCommand implements Callable<Integer> {

  private final RunContext context;

  SilenceListCommand(RunContext context) {
    this.context = context;
  }

  @Spec CommandSpec spec;

  @ParentCommand SilenceCommand silence;

  /** One opsctl silence across systems. */
  record Silence(
      String id,
      String alert,
      Instant startsAt,
      Instant endsAt,
      String author,
      String reason,
      List<String> systems,
      List<SilenceEntry> entries) {}

  record Listing(
      List<Silence> silences,
      List<SilenceEntry> unmanaged,
      List<String> read,
      List<String> unreadable,
      List<String> failures) {}

  @Override
  public Integer call() {
    Output output = context.output();
    Instant now = context.clock().instant();
    SilenceInventory inventory = SilenceInventory.gather(context, silence, now);
    Map<String, List<SilenceEntry>> byId = new LinkedHashMap<>();
    List<SilenceEntry> unmanaged = new ArrayList<>();
    for (SilenceEntry entry : inventory.entries) {
      if (entry.managed()) {
        byId.computeIfAbsent(entry.id(), id -> new ArrayList<>()).add(entry);
      } else {
        unmanaged.add(entry);
      }
    }
    List<Silence> silences = new ArrayList<>();
    byId.forEach(
        (id, entries) -> {
          SilenceEntry first =
              entries.stream().filter(e -> e.author() != null).findFirst().orElse(entries.get(0));
          silences.add(
              new Silence(
                  id,
                  first.alert(),
                  first.startsAt(),
                  entries.stream()
                      .map(SilenceEntry::endsAt)
                      .filter(e -> e != null)
                      .max(Instant::compareTo)
                      .orElse(null),
                  first.author(),
                  first.reason(),
                  List.copyOf(new TreeSet<>(entries.stream().map(SilenceEntry::backend).toList())),
                  entries));
        });
    silences.sort((a, b) -> String.valueOf(a.endsAt()).compareTo(String.valueOf(b.endsAt())));
    Listing listing =
        new Listing(
            silences,
            unmanaged,
            List.copyOf(inventory.read),
            inventory.reads.failed(),
            inventory.reads.failures());
    if (output.json()) {
      output.json(listing);
    } else {
      render(listing, output, context);
    }
    if (!listing.unreadable().isEmpty()) {
      throw new SilenceIncomplete(
          inventory.reads,
          "could not read silences from "
              + String.join(", ", listing.unreadable())
              + (listing.read().isEmpty()
                  ? "; nothing could be read"
                  : "; shown: " + String.join(", ", listing.read()) + " only"));
    }
    return ExitCode.OK;
  }

  private static void render(Listing listing, Output output, RunContext context) {
    if (listing.silences().isEmpty() && !listing.read().isEmpty()) {
      output.line("no opsctl silences active in " + String.join(", ", listing.read()));
    } else if (!listing.silences().isEmpty()) {
      Table table = new Table("ID", "ALERT", "ENDS", "AUTHOR", "SYSTEMS", "REASON");
      for (Silence s : listing.silences()) {
        table.row(
            Output.cell(s.id(), Style.BOLD),
            s.alert(),
            s.endsAt() == null
                ? null
                : Times.utc(s.endsAt()) + " (" + Times.ago(s.endsAt(), context.clock()) + ")",
            s.author(),
            String.join(",", s.systems()),
            s.reason());
      }
      output.table(table);
    }
    if (!listing.unmanaged().isEmpty()) {
      output.line("");
      output.line(
          output.styled(
              "not made by opsctl (nothing ends these automatically unless their system does):",
              Style.YELLOW));
      Table table = new Table("SYSTEM", "ALERT", "TARGET", "ENDS", "BY", "NOTE");
      for (SilenceEntry e : listing.unmanaged()) {
        table.row(
            e.backend(),
            e.alert(),
            e.target(),
            e.endsAt() == null ? Output.cell("never", Style.RED) : Times.utc(e.endsAt()),
            e.author(),
            e.reason());
      }
      output.table(table);
    }
    for (String system : listing.unreadable()) {
      output.line(
          output.styled("could not read " + system + ": its silences are not shown", Style.RED));
    }
  }
}
