package com.silverjems.shop.identity;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code silverjems_login_attempts_total{outcome}} and {@code silverjems_mfa_lockouts_total}, as
 * CONTRIBUTING.md names them.
 */
@Component
class LoginMetrics {

  enum Outcome {
    SUCCESS("success"),
    BAD_CREDENTIALS("bad_credentials"),
    LOCKED("locked"),
    RATE_LIMITED("rate_limited"),
    MFA_FAILED("mfa_failed");

    final String tag;

    Outcome(String tag) {
      this.tag = tag;
    }
  }

  private final MeterRegistry registry;

  LoginMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Outcome outcome : Outcome.values()) {
      // Registered up front so dashboards see zeros rather than no series at all.
      registry.counter("silverjems.login.attempts", "outcome", outcome.tag);
    }
    registry.counter("silverjems.mfa.lockouts");
  }

  /** An admin's second factor locked after too many wrong codes: someone has the password. */
  void lockedOut() {
    registry.counter("silverjems.mfa.lockouts").increment();
  }

  void count(Outcome outcome) {
    registry.counter("silverjems.login.attempts", "outcome", outcome.tag).increment();
  }
}
