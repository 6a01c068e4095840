package com.silverjems.shop.cart;

import java.util.List;
import java.util.UUID;

/** A cart locked for checkout: what is in it, at the price seen and the price now. */
public record CheckoutCart(UUID id, UUID accountId, List<Line> lines) {

  public boolean pricesChanged() {
    return lines.stream().anyMatch(line -> line.cartPriceMinor() != line.currentPriceMinor());
  }

  /** One line of the cart. */
  public record Line(
      long variantId,
      String sku,
      String productName,
      String size,
      int quantity,
      long cartPriceMinor,
      long currentPriceMinor,
      String currency) {}
}
