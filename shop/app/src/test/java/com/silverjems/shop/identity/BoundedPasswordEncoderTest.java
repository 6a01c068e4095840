package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordEncoderTest {

  /** A hash that takes as long as the test says: it runs until {@code release} opens. */
  private static final class SlowHash implements PasswordEncoder {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public String encode(CharSequence raw) {
      started.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "hash";
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      return encode(raw).equals(encoded);
    }
  }

  @Test
  void aHashBeyondThePermitsAndTheQueueIsRefusedAtOnceWith503AndRetryAfter() throws Exception {
    SlowHash slow = new SlowHash();
    BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(slow, 1, 0, Duration.ofMinutes(1));
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> encoder.encode("a"));
    assertThat(slow.started.await(5, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> encoder.matches("b", "hash"))
        .isInstanceOfSatisfying(
            IdentityProblems.PasswordHashingBusy.class,
            busy -> {
              assertThat(busy.getStatusCode().value()).isEqualTo(503);
              assertThat(busy.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            });
    assertThatThrownBy(encoder::requireCapacity)
        .isInstanceOf(IdentityProblems.PasswordHashingBusy.class);

    slow.release.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("hash");
    encoder.requireCapacity();
    assertThat(encoder.matches("c", "hash")).isTrue();
  }

  @Test
  void aQueuedHashWaitsForAPermitAtMostMaxWait() throws Exception {
    SlowHash slow = new SlowHash();
    BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(slow, 1, 1, Duration.ofMillis(50));
    CompletableFuture.supplyAsync(() -> encoder.encode("a"));
    assertThat(slow.started.await(5, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> encoder.encode("b"))
        .isInstanceOf(IdentityProblems.PasswordHashingBusy.class);
    slow.release.countDown();
  }
}
