package com.silverjems.routes.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** On a fake clock: the limiter's arithmetic, not real waiting. */
class SendRateLimiterTest {

  final AtomicLong now = new AtomicLong(1_000_000_000L);

  SendRateLimiter limiter(double rate) {
    return new SendRateLimiter(
        rate, Duration.ofMillis(500), now::get, nanos -> now.addAndGet(nanos));
  }

  @Test
  void spacesSendsEvenlyAtTheConfiguredRate() throws Exception {
    SendRateLimiter limiter = limiter(10);
    long start = now.get();
    for (int i = 0; i < 11; i++) {
      limiter.acquire();
    }
    assertThat(Duration.ofNanos(now.get() - start)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aSlotThatPassedWhileAsleepIsBookedAgainNotSentInABurst() throws Exception {
    java.util.List<Long> sleeps = new java.util.ArrayList<>();
    // The first sleep lasts a second longer than asked: the JVM was paused meanwhile.
    SendRateLimiter limiter =
        new SendRateLimiter(
            10,
            Duration.ofMillis(500),
            now::get,
            nanos -> {
              sleeps.add(nanos);
              now.addAndGet(sleeps.size() == 1 ? nanos + 1_000_000_000L : nanos);
            });
    limiter.acquire(); // slot 0: at once
    limiter.acquire(); // slot at +100 ms, woke at +1.1 s: given up, a new slot booked at once
    long woke = now.get();
    limiter.acquire(); // the next slot after the re-booked one
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(100).toNanos(), Duration.ofMillis(100).toNanos());
    assertThat(now.get() - woke).isEqualTo(Duration.ofMillis(100).toNanos());
  }

  @Test
  void noLimitMeansNoWaiting() {
    SendRateLimiter limiter = limiter(0);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.reserve()).isZero();
    }
  }

  @Test
  void throttlingPausesDoublingAndHalvesTheRateThenRecovers() {
    SendRateLimiter limiter = limiter(14);
    limiter.onThrottled();
    assertThat(limiter.currentPause()).isEqualTo(Duration.ofMillis(500));
    assertThat(limiter.currentRate()).isEqualTo(7);
    limiter.onThrottled(); // another answer of the same burst
    assertThat(limiter.currentRate()).isEqualTo(7);
    now.addAndGet(Duration.ofMillis(500).toNanos());
    limiter.onThrottled();
    assertThat(limiter.currentPause()).isEqualTo(Duration.ofSeconds(1));
    assertThat(limiter.currentRate()).isEqualTo(3.5);
    assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(1).toNanos());

    for (int i = 0; i < 40; i++) {
      limiter.onSent();
    }
    assertThat(limiter.currentRate()).isEqualTo(14);
  }

  @Test
  void throttlingPausesEvenWithoutALimit() {
    SendRateLimiter limiter = limiter(0);
    limiter.onThrottled();
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(500).toNanos());
    assertThat(limiter.currentRate()).isZero();
  }
}
