package com.silverjems.shop.order;

import java.util.List;
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

  UnpaidOrderExpiry(JdbcClient jdbc, Orders orders, OrderProperties properties) {
    this.jdbc = jdbc;
    this.orders = orders;
    this.properties = properties;
  }

  @Scheduled(
      fixedDelayString = "${silverjems.orders.expiry-interval:1m}",
      initialDelayString = "${silverjems.orders.expiry-interval:1m}")
  void cancelUnpaid() {
    List<String> expired =
        jdbc.sql(
                """
                SELECT number FROM customer_order
                WHERE status = 'placed' AND placed_at < now() - CAST(:ttl AS INTERVAL)
                ORDER BY placed_at LIMIT 100
                """)
            .param("ttl", properties.unpaidTtl().toSeconds() + " seconds")
            .query(String.class)
            .list();
    for (String number : expired) {
      try {
        orders.transition(
            number, OrderStatus.CANCELLED, "unpaid after " + properties.unpaidTtl(), null, ACTOR);
      } catch (IllegalOrderTransition paidMeanwhile) {
        // Paid (or cancelled by an admin) since we looked: nothing to do.
      }
    }
    if (!expired.isEmpty()) {
      log.info("Cancelled {} orders unpaid after {}", expired.size(), properties.unpaidTtl());
    }
  }
}
