package com.silverjems.routes.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the email meters of CONTRIBUTING.md up front, every label value at 0, so dashboards and
 * alerts see the series before the first email (a rate over a missing series is no data, not 0).
 * The routes increment the same meters through camel-micrometer endpoints, which add the {@code
 * camelContext} tag: it is registered here too, so both agree on one set of tag keys.
 */
final class EmailMetrics {

  static final String EMAILS = "silverjems.email";
  static final String SEND_TIMER = "silverjems.email.send";
  static final String PENDING = "silverjems.outbox.pending.events";
  static final String DEAD_LETTERS = "silverjems.email.dead.letters";

  /**
   * The camel-micrometer endpoint that counts the outcome of the exchange's email ({@link
   * EmailHeaders#OUTCOME}) under its event type: the relay's route and its error policy both end
   * with it.
   */
  static final String COUNT_OUTCOME =
      "micrometer:counter:"
          + EMAILS
          + "?tags.event_type=${header."
          + EmailHeaders.EVENT_TYPE
          + "}&tags.outcome=${header."
          + EmailHeaders.OUTCOME
          + "}";

  private static final Logger log = LoggerFactory.getLogger(EmailMetrics.class);

  private final MeterRegistry registry;
  private final String camelContext;

  EmailMetrics(MeterRegistry registry, CamelContext camel, EmailRecords records) {
    this.registry = registry;
    this.camelContext = camel.getName();
    for (String type : EmailTemplates.EMAILING) {
      for (EmailOutcome outcome : EmailOutcome.values()) {
        counter(type, outcome);
      }
    }
    Timer.builder(SEND_TIMER)
        .description("Time SES takes to accept an email")
        .tags(MicrometerConstants.CAMEL_CONTEXT_TAG, camelContext)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(5))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    gauge(PENDING, "Outbox events not yet handled", records::pendingOutboxEvents);
    gauge(DEAD_LETTERS, "Dead-lettered emails not yet re-driven", records::openDeadLetters);
  }

  /** Counts one email outcome; the routes use the camel-micrometer endpoint for the same meter. */
  void count(String eventType, EmailOutcome outcome) {
    counter(eventType, outcome).increment();
  }

  private Counter counter(String eventType, EmailOutcome outcome) {
    return Counter.builder(EMAILS)
        .description("Emails by event type and outcome")
        .tags(
            List.of(
                io.micrometer.core.instrument.Tag.of("event_type", eventType),
                io.micrometer.core.instrument.Tag.of("outcome", outcome.label()),
                io.micrometer.core.instrument.Tag.of(
                    MicrometerConstants.CAMEL_CONTEXT_TAG, camelContext)))
        .register(registry);
  }

  /**
   * A gauge read from the database at most every few seconds: scrapes from several Prometheus
   * servers must not each cost a query, and an unreachable database shows as NaN, not an error.
   */
  private void gauge(String name, String description, LongSupplier query) {
    CachedValue value = new CachedValue(query);
    Gauge.builder(name, value, CachedValue::get).description(description).register(registry);
  }

  private static final class CachedValue {
    private static final long MAX_AGE_NANOS = Duration.ofSeconds(5).toNanos();
    private final LongSupplier query;
    private final AtomicReference<long[]> last = new AtomicReference<>();

    CachedValue(LongSupplier query) {
      this.query = query;
    }

    double get() {
      long now = System.nanoTime();
      long[] cached = last.get();
      if (cached != null && now - cached[1] < MAX_AGE_NANOS) {
        return cached[0];
      }
      try {
        long fresh = query.getAsLong();
        last.set(new long[] {fresh, now});
        return fresh;
      } catch (RuntimeException e) {
        log.warn("Could not read an email gauge from the database: {}", e.getMessage());
        return Double.NaN;
      }
    }
  }
}
