package com.silverjems.routes.email;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": the delay doubles with each attempt up to a ceiling, and
 * a random half of it is added, so retries of many emails that failed together (an SES outage) do
 * not come back together.
 */
record Backoff(Duration base, Duration max, DoubleSupplier random) {

  Backoff(Duration base, Duration max) {
    this(base, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Delay before the try after {@code failedAttempts} failures (1 = after the first failure). */
  Duration delayAfter(int failedAttempts) {
    int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
    long ceiling = max.toMillis();
    long exponential = Math.min(ceiling, base.toMillis() << Math.min(doublings, 20));
    long half = exponential / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (exponential - half)));
  }
}
