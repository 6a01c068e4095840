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
 *
 * <p>The slots themselves are booked in {@link SendSlots}: in production the database's one
 * timeline that every email task shares ({@link SharedSendSlots}), since the rate is the SES
 * account's, not a task's.
 */
final class SendRateLimiter {

  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  private final double maxRate;
  private final long basePauseNanos;
  private final LongSupplier nanoClock;
  private final Sleeper sleeper;
  private final SendSlots slots;

  private double rate;
  private long pausedUntilNanos;
  private int consecutiveThrottles;

  SendRateLimiter(double maxRatePerSecond, Duration basePause, SendSlots slots) {
    this(maxRatePerSecond, basePause, System::nanoTime, TimeUnit.NANOSECONDS::sleep, slots);
  }

  /** On this JVM's own timeline: for tests of the limiter's arithmetic. */
  SendRateLimiter(
      double maxRatePerSecond, Duration basePause, LongSupplier nanoClock, Sleeper sleeper) {
    this(maxRatePerSecond, basePause, nanoClock, sleeper, new LocalSendSlots(nanoClock));
  }

  SendRateLimiter(
      double maxRatePerSecond,
      Duration basePause,
      LongSupplier nanoClock,
      Sleeper sleeper,
      SendSlots slots) {
    this.maxRate = maxRatePerSecond;
    this.rate = maxRatePerSecond;
    this.basePauseNanos = basePause.toNanos();
    this.nanoClock = nanoClock;
    this.sleeper = sleeper;
    this.slots = slots;
    this.pausedUntilNanos = nanoClock.getAsLong();
  }

  /**
   * Waits until this send may go. A slot that passed while this thread was not running (a GC pause,
   * a starved host) is given up and another booked: every sender waking late at once would
   * otherwise go out together, a burst over the rate just when SES is least forgiving.
   */
  void acquire() throws InterruptedException {
    while (true) {
      long booked = nanoClock.getAsLong();
      long wait = reserve();
      if (wait <= 0) {
        return;
      }
      sleeper.sleep(wait);
      long late = nanoClock.getAsLong() - booked - wait;
      if (late <= currentIntervalNanos() / 2) {
        return;
      }
    }
  }

  private synchronized long currentIntervalNanos() {
    return rate > 0 ? (long) (1_000_000_000L / rate) : Long.MAX_VALUE;
  }

  /**
   * Books the next free slot and says how long to wait for it, in nanoseconds. Without a limit
   * nothing is booked (no database round trip): only a throttling pause can make a send wait.
   */
  long reserve() {
    long pause;
    long interval;
    synchronized (this) {
      pause = Math.max(0, pausedUntilNanos - nanoClock.getAsLong());
      interval = rate > 0 ? currentIntervalNanos() : 0;
    }
    return interval > 0 ? slots.book(interval, pause) : pause;
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

  /** Slots on this JVM's own timeline. */
  static final class LocalSendSlots implements SendSlots {
    private final LongSupplier nanoClock;
    private long nextFreeNanos;

    LocalSendSlots(LongSupplier nanoClock) {
      this.nanoClock = nanoClock;
      this.nextFreeNanos = nanoClock.getAsLong();
    }

    @Override
    public synchronized long book(long intervalNanos, long notBeforeNanos) {
      long now = nanoClock.getAsLong();
      long start = Math.max(now + notBeforeNanos, nextFreeNanos);
      nextFreeNanos = start + intervalNanos;
      return start - now;
    }
  }

  /** Sleeps; a seam for tests, which must not wait for real. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }
}
