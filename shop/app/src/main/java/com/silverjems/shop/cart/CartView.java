package com.silverjems.shop.cart;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A cart as the storefront shows it. {@code unitPriceMinor} is the price when the item was added;
 * {@code currentPriceMinor} differs when the price changed since (checkout will ask to confirm).
 * {@code reservedUntil} is when the item's stock hold ends (or ended); {@code hold} says what it is
 * now: {@code held}, {@code last-piece} (the last available piece, held only briefly: check out
 * before {@code reservedUntil} to keep it) or {@code not-held} (the hold ran out or was refused:
 * the item can still be bought while nobody else holds it).
 */
record CartView(UUID id, String status, List<Item> items, long totalMinor, String currency) {

  record Item(
      String sku,
      String productSlug,
      String productName,
      String size,
      int quantity,
      long unitPriceMinor,
      long currentPriceMinor,
      String currency,
      Instant reservedUntil,
      String hold) {}
}
