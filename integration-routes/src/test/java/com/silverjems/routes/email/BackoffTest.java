package com.silverjems.routes.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesPerAttemptWithinHalfToWholeOfTheStep() {
    Backoff lowest = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), () -> 0.0);
    Backoff highest = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), () -> 0.999999);

    assertThat(lowest.delayAfter(1)).isEqualTo(Duration.ofSeconds(15));
    assertThat(highest.delayAfter(1)).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
    assertThat(lowest.delayAfter(3)).isEqualTo(Duration.ofSeconds(60));
    assertThat(highest.delayAfter(3)).isBetween(Duration.ofSeconds(119), Duration.ofSeconds(120));
  }

  @Test
  void neverExceedsTheCeiling() {
    Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), () -> 0.999999);
    assertThat(backoff.delayAfter(50)).isLessThanOrEqualTo(Duration.ofHours(1));
    assertThat(backoff.delayAfter(50)).isGreaterThan(Duration.ofMinutes(59));
  }
}
