package com.silverjems.shop.identity;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code silverjems_login_attempts_total{outcome}}, as CONTRIBUTING.md names it. */
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
  }

  void count(Outcome outcome) {
    registry.counter("silverjems.login.attempts", "outcome", outcome.tag).increment();
  }
}
