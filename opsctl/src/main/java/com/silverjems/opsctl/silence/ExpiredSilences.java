package com.silverjems.opsctl.silence;

import com.silverjems.opsctl.Environment;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.RunContext;
import com.silverjems.opsctl.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

  static final Duration INTERVAL = Duration.ofMinutes(1);

  /** Starts the sweep next to the command; failures show only with -v. */
  public static CompletableFuture<Void> sweepInBackground(RunContext context) {
    Output output = context.output();
    Instant now = context.clock().instant();
    Optional<Path> marker = marker(context.environment());
    if (marker.isPresent() && sweptRecently(marker.get(), now)) {
      return CompletableFuture.completedFuture(null);
    }
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
                    new CloudWatchSilences(context.aws().cloudWatchSingleAttempt()).sweep(now),
                    output);
              } catch (RuntimeException e) {
                output.detail("silence sweep skipped: " + e.getMessage());
              } finally {
                // A failed attempt counts too: retrying on every command would only add load.
                marker.ifPresent(ExpiredSilences::touch);
              }
            },
            executor);
    sweep.whenComplete((ignored, failure) -> executor.shutdown());
    return sweep;
  }

  /** {@code $XDG_CACHE_HOME/opsctl/last-silence-sweep}, else under {@code ~/.cache}. */
  private static Optional<Path> marker(Environment environment) {
    return environment
        .variable("XDG_CACHE_HOME")
        .map(Path::of)
        .or(() -> environment.variable("HOME").map(home -> Path.of(home, ".cache")))
        .map(cache -> cache.resolve("opsctl").resolve("last-silence-sweep"));
  }

  private static boolean sweptRecently(Path marker, Instant now) {
    try {
      Instant last = Files.getLastModifiedTime(marker).toInstant();
      return last.isAfter(now.minus(INTERVAL)) && !last.isAfter(now);
    } catch (IOException noSweepYet) {
      return false;
    }
  }

  private static void touch(Path marker) {
    try {
      Files.createDirectories(marker.getParent());
      Files.writeString(marker, "");
      Files.setLastModifiedTime(marker, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // Without the marker the next run sweeps again: slower, never wrong.
    }
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
