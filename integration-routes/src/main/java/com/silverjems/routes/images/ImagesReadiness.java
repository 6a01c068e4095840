package com.silverjems.routes.images;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Readiness of the images group ({@code /actuator/health/readiness}, member {@code images}): the
 * route is consuming and both buckets answer. Down when a bucket is missing or unreachable, which
 * is a deployment mistake to see at once rather than uploads silently piling up.
 */
final class ImagesReadiness implements HealthIndicator {

  private final CamelContext camel;
  private final ImageStore store;

  ImagesReadiness(CamelContext camel, ImageStore store) {
    this.camel = camel;
    this.store = store;
  }

  @Override
  public Health health() {
    ServiceStatus route = camel.getRouteController().getRouteStatus(ImageIngestionRoute.ROUTE_ID);
    if (route == null || !route.isStarted()) {
      return Health.down().withDetail("route", String.valueOf(route)).build();
    }
    try {
      store.checkBuckets();
      return Health.up().withDetail("route", route.name()).build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("buckets", e.getClass().getSimpleName()).build();
    }
  }
}
