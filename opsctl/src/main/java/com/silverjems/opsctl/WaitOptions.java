package com.silverjems.opsctl;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How a command that starts a change in AWS waits for it to settle. */
public final class WaitOptions {

  @Option(
      names = "--no-wait",
      description = "Return once the change is accepted instead of waiting for it to settle.")
  boolean noWait;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "15m",
      converter = Durations.class,
      description = "How long to wait for the change to settle (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--poll-interval",
      hidden = true,
      defaultValue = "5s",
      converter = Durations.class,
      description = "How often to check progress while waiting.")
  Duration pollInterval;

  /** Whether to wait for the change to settle. */
  public boolean waitForIt() {
    return !noWait;
  }

  /** How long to wait at most. */
  public Duration timeout() {
    return timeout;
  }

  /** How often to poll while waiting. */
  public Duration pollInterval() {
    return pollInterval;
  }
}
