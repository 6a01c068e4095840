package com.silverjems.shop.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as shoppers and admins see it. */
public record OrderView(
    UUID id,
    String number,
    OrderStatus status,
    String email,
    String name,
    ShippingAddress shippingAddress,
    List<Line> lines,
    long totalMinor,
    String currency,
    Instant placedAt,
    Shipment shipment) {

  /** One line of the order. */
  public record Line(
      String sku,
      String productName,
      String size,
      int quantity,
      long unitPriceMinor,
      long variantId) {}

  /** How the parcel travels, once shipped. */
  public record Shipment(String carrier, String trackingNumber, String trackingUrl) {}
}
