package com.silverjems.shop.cart;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cart settings ({@code silverjems.cart.*}); the last four bound what one client may hoard.
 *
 * @param reservationTtl how long adding an item holds its stock for the cart; every change to the
 *     cart renews the hold, but never past {@code reservationLifetime}
 * @param lastPieceHold how long a hold lasts when it takes the last available piece(s) of a variant
 *     (capped by {@code reservationTtl}); it is never renewed, so the last piece stays held only
 *     while its holder goes on to check out
 * @param reservationLifetime a cart's holds end this long after its first hold at the latest,
 *     whatever the renewals; after that its items are kept but hold nothing (checkout still sells
 *     them while stock is free)
 * @param maxPiecesPerCart total pieces (sum of quantities) one cart may hold
 * @param newCartsPerAddress anonymous carts one client address may open per {@code newCartsWindow}
 * @param reholdCooldown once a cart's lifetime ran out, how long the other anonymous carts of the
 *     same client address cannot hold what it held
 */
@ConfigurationProperties("silverjems.cart")
@Validated
record CartProperties(
    @DefaultValue("15m") @NotNull Duration reservationTtl,
    @DefaultValue("5m") @NotNull Duration lastPieceHold,
    @DefaultValue("30m") @NotNull Duration reservationLifetime,
    @DefaultValue("10") @Min(1) int maxPiecesPerCart,
    @DefaultValue("20") @Min(1) int newCartsPerAddress,
    @DefaultValue("1h") @NotNull Duration newCartsWindow,
    @DefaultValue("1h") @NotNull Duration reholdCooldown) {

  CartProperties {
    if (reservationTtl.isNegative()
        || reservationTtl.isZero()
        || lastPieceHold.isNegative()
        || lastPieceHold.isZero()
        || reservationLifetime.compareTo(reservationTtl) < 0
        || newCartsWindow.isNegative()
        || newCartsWindow.isZero()) {
      throw new IllegalArgumentException(
          "silverjems.cart needs 0 < reservation-ttl <= reservation-lifetime, a positive"
              + " last-piece-hold and a positive new-carts-window");
    }
  }
}
