package com.silverjems.opsctl;

import picocli.CommandLine.Option;

/**
 * The safety options of every command that changes production: show the plan without acting, or
 * skip the typed confirmation in scripts.
 */
public final class ChangeOptions {

  @Option(names = "--dry-run", description = "Show what would change, change nothing.")
  boolean dryRun;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation (for scripts).")
  boolean yes;

  /** Whether only the plan is to be shown. */
  public boolean dryRun() {
    return dryRun;
  }

  /** Whether the confirmation is skipped. */
  public boolean yes() {
    return yes;
  }
}
