package com.silverjems.shop.identity;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that hashes under a bounded number of permits, with a bounded queue in front.
 * Argon2 takes 19 MiB and tens of milliseconds of CPU per hash: unbounded, a flood of sign-ins
 * exhausts the heap and every core, and every request thread ends up waiting behind it. So at most
 * {@code permits} hashes run and {@code queue} more wait (each at most {@code maxWait}); anyone
 * beyond that is answered at once with {@link IdentityProblems.PasswordHashingBusy} (503 with
 * Retry-After) and gives its thread back to the shoppers.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

  private final PasswordEncoder delegate;
  private final Semaphore admitted;
  private final Semaphore hashing;
  private final Duration maxWait;

  BoundedPasswordEncoder(PasswordEncoder delegate, int permits, int queue, Duration maxWait) {
    this.delegate = delegate;
    this.admitted = new Semaphore(permits + queue);
    this.hashing = new Semaphore(permits, true);
    this.maxWait = maxWait;
  }

  @Override
  public String encode(CharSequence rawPassword) {
    return bounded(() -> delegate.encode(rawPassword));
  }

  @Override
  public boolean matches(CharSequence rawPassword, String encodedPassword) {
    return bounded(() -> delegate.matches(rawPassword, encodedPassword));
  }

  @Override
  public boolean upgradeEncoding(String encodedPassword) {
    return delegate.upgradeEncoding(encodedPassword);
  }

  /**
   * Sheds a request before it does any other work (rate limits, the breached-password look-up) when
   * the queue is full already: it would only be refused at the hash.
   *
   * @throws IdentityProblems.PasswordHashingBusy when no place in the queue is free now
   */
  void requireCapacity() {
    if (admitted.availablePermits() == 0) {
      throw busy();
    }
  }

  private <T> T bounded(Supplier<T> hash) {
    if (!admitted.tryAcquire()) {
      throw busy();
    }
    try {
      if (!hashing.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy();
      }
      try {
        return hash.get();
      } finally {
        hashing.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    } finally {
      admitted.release();
    }
  }

  private IdentityProblems.PasswordHashingBusy busy() {
    return new IdentityProblems.PasswordHashingBusy(Duration.ofSeconds(1));
  }
}
