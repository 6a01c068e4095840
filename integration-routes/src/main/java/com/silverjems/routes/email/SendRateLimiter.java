package com.silverjems.routes.email;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps sends under the SES account's maximum send rate, and backs off when SES says Throttling
 * anyway (another sender on the account, a lowered quota): every throttling answer pauses all sends
 * of this instance, doubling the pause while SES keeps answering so, and halves the rate, which
 * then climbs back by a twentieth of the maximum per successful send. A rate of 0 means no limit,
 * but the pauses still apply.
 */
final class SendRateLimiter {

  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  private final double maxRate;
  private final long basePauseNanos;
  private final LongSupplier nanoClock;
  private final Sleeper sleeper;

  private double rate;
  private long nextFreeNanos;
  private long pausedUntilNanos;
  private int consecutiveThrottles;

  SendRateLimiter(double maxRatePerSecond, Duration basePause) {
    this(maxRatePerSecond, basePause, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  SendRateLimiter(
      double maxRatePerSecond, Duration basePause, LongSupplier nanoClock, Sleeper sleeper) {
    this.maxRate = maxRatePerSecond;
    this.rate = maxRatePerSecond;
    this.basePauseNanos = basePause.toNanos();
    this.nanoClock = nanoClock;
    this.sleeper = sleeper;
    long now = nanoClock.getAsLong();
    this.nextFreeNanos = now;
    this.pausedUntilNanos = now;
  }

  /** Waits until this send may go. */
  void acquire() throws InterruptedException {
    long wait = reserve();
    if (wait > 0) {
      sleeper.sleep(wait);
    }
  }

  /** Books the next free slot and says how long to wait for it, in nanoseconds. */
  synchronized long reserve() {
    long now = nanoClock.getAsLong();
    long start = Math.max(now, Math.max(pausedUntilNanos, nextFreeNanos));
    nextFreeNanos = rate > 0 ? start + (long) (1_000_000_000L / rate) : start;
    return start - now;
  }

  synchronized void onThrottled() {
    long now = nanoClock.getAsLong();
    if (now < pausedUntilNanos) {
      // Sends already in flight when the first answer came: the same burst, not a new one.
      return;
    }
    consecutiveThrottles++;
    long pause =
        Math.min(MAX_PAUSE.toNanos(), basePauseNanos << Math.min(consecutiveThrottles - 1, 20));
    pausedUntilNanos = now + pause;
    if (maxRate > 0) {
      rate = Math.max(Math.min(1.0, maxRate), rate / 2);
    }
  }

  synchronized void onSent() {
    consecutiveThrottles = 0;
    if (maxRate > 0 && rate < maxRate) {
      rate = Math.min(maxRate, rate + maxRate / 20);
    }
  }

  /** How long a throttled email should wait before it is tried again. */
  synchronized Duration currentPause() {
    return Duration.ofNanos(Math.max(basePauseNanos, pausedUntilNanos - nanoClock.getAsLong()));
  }

  synchronized double currentRate() {
    return rate;
  }

  /** Sleeps; a seam for tests, which must not wait for real. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }
}
