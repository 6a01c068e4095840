package com.silverjems.shop.order;

import java.util.List;
import java.util.UUID;

/** What checkout hands over to place an order; prices are those the shopper agreed to. */
public record NewOrder(
    UUID cartId,
    UUID accountId,
    String email,
    String name,
    ShippingAddress shippingAddress,
    List<Line> lines,
    String currency) {

  public long totalMinor() {
    return lines.stream().mapToLong(line -> line.unitPriceMinor() * line.quantity()).sum();
  }

  /** One line, its price frozen at checkout. */
  public record Line(
      long variantId,
      String sku,
      String productName,
      String size,
      int quantity,
      long unitPriceMinor) {}
}
