package com.silverjems.routes.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * {@code silverjems_email_delivery_events_total{type}}: every label value of CONTRIBUTING.md is
 * registered at 0 at start-up, with the {@code camelContext} tag camel-micrometer adds.
 */
final class DeliveryMetrics {

  static final String EVENTS = "silverjems.email.delivery.events";
  static final String[] TYPES = {
    "delivery", "bounce", "complaint", "delay", "rejected_forged", "rejected_malformed"
  };

  private final MeterRegistry registry;
  private final String camelContext;

  DeliveryMetrics(MeterRegistry registry, CamelContext camel) {
    this.registry = registry;
    this.camelContext = camel.getName();
    for (String type : TYPES) {
      counter(type);
    }
  }

  void count(String type) {
    counter(type).increment();
  }

  private Counter counter(String type) {
    return Counter.builder(EVENTS)
        .description("SES delivery events by type, and rejected notifications")
        .tag("type", type)
        .tag(MicrometerConstants.CAMEL_CONTEXT_TAG, camelContext)
        .register(registry);
  }
}
