package com.silverjems.shop.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** {@code silverjems_payment_webhook_total{outcome}}, every outcome registered at start-up. */
final class WebhookMetrics {

  enum Outcome {
    ACCEPTED,
    BAD_SIGNATURE,
    STALE,
    DUPLICATE
  }

  private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

  WebhookMetrics(MeterRegistry meters) {
    for (Outcome outcome : Outcome.values()) {
      counters.put(
          outcome,
          Counter.builder("silverjems.payment.webhook")
              .description("Payment provider webhooks received, by outcome")
              .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
              .register(meters));
    }
  }

  void count(Outcome outcome) {
    counters.get(outcome).increment();
  }
}
