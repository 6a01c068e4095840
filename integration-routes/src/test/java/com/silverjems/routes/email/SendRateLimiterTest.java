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
