package com.silverjems.shop.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Payloads of the order events in the outbox, shaped exactly as {@code
 * events/order-*.v1.schema.json} of shop-schema (the hub validates them against those). Every event
 * opens with the same {@link Head}; each adds its own fields after it.
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

  /** The fields every order event starts with, written flat into the payload. */
  record Head(
      String orderId,
      String orderNumber,
      Recipient recipient,
      List<Line> lines,
      long totalMinor,
      String currency,
      String occurredAt) {}

  record OrderPlaced(@JsonUnwrapped Head head, Address shippingAddress) {}

  record OrderPaid(@JsonUnwrapped Head head, Address shippingAddress, String paymentReference) {}

  record OrderShipped(
      @JsonUnwrapped Head head, String carrier, String trackingNumber, String trackingUrl) {}

  record OrderCancelled(@JsonUnwrapped Head head, String reason, boolean unpaid) {}

  record OrderRefunded(@JsonUnwrapped Head head, String refundId, boolean full) {}

  static OrderPlaced placed(OrderView order, Instant at) {
    return new OrderPlaced(head(order, at), address(order));
  }

  static OrderPaid paid(OrderView order, String paymentReference, Instant at) {
    return new OrderPaid(head(order, at), address(order), paymentReference);
  }

  static OrderShipped shipped(OrderView order, Instant at) {
    OrderView.Shipment shipment = order.shipment();
    return new OrderShipped(
        head(order, at), shipment.carrier(), shipment.trackingNumber(), shipment.trackingUrl());
  }

  static OrderCancelled cancelled(OrderView order, String reason, boolean unpaid, Instant at) {
    return new OrderCancelled(head(order, at), reason == null ? "" : reason, unpaid);
  }

  /**
   * The refund's lines (quantity refunded by SKU in {@code quantities}) and amount, not the
   * order's.
   */
  static OrderRefunded refunded(
      OrderView order,
      Map<String, Integer> quantities,
      long amountMinor,
      String currency,
      String refundId,
      boolean full,
      Instant at) {
    List<Line> refunded =
        order.lines().stream()
            .filter(line -> quantities.containsKey(line.sku()))
            .map(line -> line(line, quantities.get(line.sku())))
            .toList();
    return new OrderRefunded(
        new Head(
            order.id().toString(),
            order.number(),
            recipient(order),
            refunded,
            amountMinor,
            currency,
            at.toString()),
        refundId,
        full);
  }

  private static Head head(OrderView order, Instant at) {
    return new Head(
        order.id().toString(),
        order.number(),
        recipient(order),
        order.lines().stream().map(line -> line(line, line.quantity())).toList(),
        order.totalMinor(),
        order.currency(),
        at.toString());
  }

  private static Recipient recipient(OrderView order) {
    return new Recipient(order.email(), order.name());
  }

  private static Line line(OrderView.Line line, int quantity) {
    return new Line(line.sku(), line.productName(), line.size(), quantity, line.unitPriceMinor());
  }

  private static Address address(OrderView order) {
    ShippingAddress a = order.shippingAddress();
    return new Address(a.name(), a.line1(), a.line2(), a.city(), a.postcode(), a.country());
  }
}
