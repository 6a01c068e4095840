package com.silverjems.shop.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Payloads of the order events in the outbox, shaped exactly as {@code
 * events/order-*.v1.schema.json} of shop-schema (the hub validates them against those).
 */
final class OrderEvents {

  static final String AGGREGATE = "order";
  static final int VERSION = 1;

  private OrderEvents() {}

  record Recipient(String email, String name) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Line(String sku, String productName, String size, int quantity, long unitPriceMinor) {}

  record Address(
      String name, String line1, String line2, String city, String postcode, String country) {}

  record OrderPlaced(
      String orderId,
      String orderNumber,
      Recipient recipient,
      List<Line> lines,
      long totalMinor,
      String currency,
      String occurredAt,
      Address shippingAddress) {}

  record OrderPaid(
      String orderId,
      String orderNumber,
      Recipient recipient,
      List<Line> lines,
      long totalMinor,
      String currency,
      String occurredAt,
      Address shippingAddress,
      String paymentReference) {}

  record OrderShipped(
      String orderId,
      String orderNumber,
      Recipient recipient,
      List<Line> lines,
      long totalMinor,
      String currency,
      String occurredAt,
      String carrier,
      String trackingNumber,
      String trackingUrl) {}

  static OrderPlaced placed(OrderView order, Instant at) {
    return new OrderPlaced(
        order.id().toString(),
        order.number(),
        recipient(order),
        lines(order),
        order.totalMinor(),
        order.currency(),
        at.toString(),
        address(order));
  }

  static OrderPaid paid(OrderView order, String paymentReference, Instant at) {
    return new OrderPaid(
        order.id().toString(),
        order.number(),
        recipient(order),
        lines(order),
        order.totalMinor(),
        order.currency(),
        at.toString(),
        address(order),
        paymentReference);
  }

  static OrderShipped shipped(OrderView order, Instant at) {
    return new OrderShipped(
        order.id().toString(),
        order.number(),
        recipient(order),
        lines(order),
        order.totalMinor(),
        order.currency(),
        at.toString(),
        order.shipment().carrier(),
        order.shipment().trackingNumber(),
        order.shipment().trackingUrl());
  }

  record OrderCancelled(
      String orderId,
      String orderNumber,
      Recipient recipient,
      List<Line> lines,
      long totalMinor,
      String currency,
      String occurredAt,
      String reason,
      boolean unpaid) {}

  record OrderRefunded(
      String orderId,
      String orderNumber,
      Recipient recipient,
      List<Line> lines,
      long totalMinor,
      String currency,
      String occurredAt,
      String refundId,
      boolean full) {}

  static OrderCancelled cancelled(OrderView order, String reason, boolean unpaid, Instant at) {
    return new OrderCancelled(
        order.id().toString(),
        order.number(),
        recipient(order),
        lines(order),
        order.totalMinor(),
        order.currency(),
        at.toString(),
        reason == null ? "" : reason,
        unpaid);
  }

  /** {@code quantities}: refunded quantity by SKU. */
  static OrderRefunded refunded(
      OrderView order,
      java.util.Map<String, Integer> quantities,
      long amountMinor,
      String currency,
      String refundId,
      boolean full,
      Instant at) {
    List<Line> refunded =
        order.lines().stream()
            .filter(line -> quantities.containsKey(line.sku()))
            .map(
                line ->
                    new Line(
                        line.sku(),
                        line.productName(),
                        line.size(),
                        quantities.get(line.sku()),
                        line.unitPriceMinor()))
            .toList();
    return new OrderRefunded(
        order.id().toString(),
        order.number(),
        recipient(order),
        refunded,
        amountMinor,
        currency,
        at.toString(),
        refundId,
        full);
  }

  private static Recipient recipient(OrderView order) {
    return new Recipient(order.email(), order.name());
  }

  private static List<Line> lines(OrderView order) {
    return order.lines().stream()
        .map(
            line ->
                new Line(
                    line.sku(),
                    line.productName(),
                    line.size(),
                    line.quantity(),
                    line.unitPriceMinor()))
        .toList();
  }

  private static Address address(OrderView order) {
    ShippingAddress a = order.shippingAddress();
    return new Address(a.name(), a.line1(), a.line2(), a.city(), a.postcode(), a.country());
  }
}
