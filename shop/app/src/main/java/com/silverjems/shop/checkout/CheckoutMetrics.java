package com.silverjems.shop.checkout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code silverjems_checkout_total{outcome}}, every outcome registered at start-up. */
@Component
class CheckoutMetrics {

  enum Outcome {
    PLACED,
    OUT_OF_STOCK,
    REPLAYED,
    CONFLICT,
    FAILED
  }

  private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

  CheckoutMetrics(MeterRegistry meters) {
    for (Outcome outcome : Outcome.values()) {
      counters.put(
          outcome,
          Counter.builder("silverjems.checkout")
              .description("Checkout requests, by outcome")
              .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
              .register(meters));
    }
  }

  void count(Outcome outcome) {
    counters.get(outcome).increment();
  }
}
