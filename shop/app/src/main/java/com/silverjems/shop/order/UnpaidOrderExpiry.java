package com.silverjems.shop.order;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cancels orders still unpaid after {@code silverjems.orders.unpaid-ttl} and puts their stock back.
 * Safe with several replicas: each cancellation is a normal locked transition, and an order that
 * got paid in the meantime is simply no longer cancellable.
 */
@Component
class UnpaidOrderExpiry {

  private static final Logger log = LoggerFactory.getLogger(UnpaidOrderExpiry.class);
  static final String ACTOR = "system:unpaid-order-expiry";

  private final JdbcClient jdbc;
  private final Orders orders;
  private final OrderProperties properties;
  private final PaymentIntentCancellation payments;

  UnpaidOrderExpiry(
      JdbcClient jdbc,
      Orders orders,
      OrderProperties properties,
      PaymentIntentCancellation payments) {
    this.payments = payments;
    this.jdbc = jdbc;
    this.orders = orders;
    this.properties = properties;
  }

  @Scheduled(
      fixedDelayString = "${silverjems.orders.expiry-interval:1m}",
      initialDelayString = "${silverjems.orders.expiry-interval:1m}")
  void cancelUnpaid() {
    record Expired(UUID id, String number) {}
    List<Expired> expired =
        jdbc.sql(
                """
                SELECT id, number FROM customer_order
                WHERE status = 'placed' AND placed_at < now() - CAST(:ttl AS INTERVAL)
                ORDER BY placed_at LIMIT 100
                """)
            .param("ttl", properties.unpaidTtl().toSeconds() + " seconds")
            .query(Expired.class)
            .list();
    int cancelled = 0;
    for (Expired order : expired) {
      try {
        // The provider's intent first: once cancelled, no late payment can arrive through it. If
        // the provider says it already succeeded, the money is coming: the webhook marks it paid.
        if (!payments.cancelIntent(order.id())) {
          log.info(
              "Order {} is unpaid here but paid at the provider: not expiring it", order.number());
          continue;
        }
      } catch (RuntimeException providerDown) {
        log.warn(
            "Could not cancel the payment intent of order {}: next run",
            order.number(),
            providerDown);
        continue;
      }
      try {
        orders.transition(
            order.number(),
            OrderStatus.CANCELLED,
            "unpaid after " + properties.unpaidTtl(),
            null,
            ACTOR);
        cancelled++;
      } catch (IllegalOrderTransition paidMeanwhile) {
        // Paid (or cancelled by an admin) since we looked: nothing to do.
      }
    }
    if (cancelled > 0) {
      log.info("Cancelled {} orders unpaid after {}", cancelled, properties.unpaidTtl());
    }
  }
}
