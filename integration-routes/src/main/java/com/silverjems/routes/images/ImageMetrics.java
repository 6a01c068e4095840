package com.silverjems.routes.images;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The metrics of CONTRIBUTING.md: {@code silverjems_images_total{outcome}}, {@code
 * silverjems_images_rejected_total{reason}} and {@code silverjems_image_processing_seconds}. Every
 * label value is registered at start-up, so dashboards and alert rules see zeros rather than
 * missing series.
 */
final class ImageMetrics {

  /** What happened to an upload; the {@code outcome} label. */
  enum Outcome {
    PROCESSED,
    REJECTED,
    /** Already handled: the same key and ETag again, or the same picture for the same product. */
    DUPLICATE
  }

  private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
  private final Map<RejectionReason, Counter> rejections = new EnumMap<>(RejectionReason.class);
  private final Timer processing;

  ImageMetrics(MeterRegistry registry) {
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(
          outcome,
          Counter.builder("silverjems.images")
              .description("Uploaded images handled, by outcome")
              .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
              .register(registry));
    }
    for (RejectionReason reason : RejectionReason.values()) {
      rejections.put(
          reason,
          Counter.builder("silverjems.images.rejected")
              .description("Uploaded images refused, by reason")
              .tag("reason", reason.label())
              .register(registry));
    }
    processing =
        Timer.builder("silverjems.image.processing")
            .description("Time from picking an upload to its original being moved")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(10))
            .maximumExpectedValue(Duration.ofMinutes(2))
            .register(registry);
  }

  void processed(Duration took) {
    outcomes.get(Outcome.PROCESSED).increment();
    processing.record(took);
  }

  void rejected(RejectionReason reason, Duration took) {
    outcomes.get(Outcome.REJECTED).increment();
    rejections.get(reason).increment();
    processing.record(took);
  }

  void duplicate() {
    outcomes.get(Outcome.DUPLICATE).increment();
  }
}
