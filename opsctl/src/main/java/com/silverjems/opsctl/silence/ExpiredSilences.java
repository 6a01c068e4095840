package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.Opsctl;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.Times;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * Enforces the end of CloudWatch silences, which CloudWatch itself cannot: any alarm opsctl
 * silenced whose recorded end has passed gets its actions back. Runs in the background of every AWS
 * command, best effort and with a single attempt, so that a forgotten silence ends with the next
 * opsctl run; {@code opsctl silence enforce} on a schedule makes it certain.
 */
public final class ExpiredSilences {

  private ExpiredSilences() {}

  /** Starts the sweep next to the command; failures show only with -v. */
  public static CompletableFuture<Void> sweepInBackground(Opsctl root) {
    Output output = root.output();
    Instant now = root.environment().clock().instant();
    var executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "opsctl-silence-sweep");
              thread.setDaemon(true);
              return thread;
            });
    CompletableFuture<Void> sweep =
        CompletableFuture.runAsync(
            () -> {
              try {
                report(
                    new CloudWatchSilences(root.aws().cloudWatchSingleAttempt()).sweep(now),
                    output);
              } catch (RuntimeException e) {
                output.detail("silence sweep skipped: " + e.getMessage());
              }
            },
            executor);
    sweep.whenComplete((ignored, failure) -> executor.shutdown());
    return sweep;
  }

  static void report(List<SilenceEntry> expired, Output output) {
    for (SilenceEntry entry : expired) {
      output.progress(
          "silence "
              + entry.id()
              + " on "
              + entry.alert()
              + " ended "
              + Times.utc(entry.endsAt())
              + ": alarm actions re-enabled");
    }
  }
}
