package com.silverjems.shop.cart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CartPropertiesTest {

  @Test
  void aLifetimeShorterThanOneHoldIsRefusedAtStartUp() {
    assertThatThrownBy(
            () ->
                new CartProperties(
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(5),
                    10,
                    20,
                    Duration.ofHours(1),
                    Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reservation-lifetime");
  }

  @Test
  void aZeroWindowIsRefused() {
    assertThatThrownBy(
            () ->
                new CartProperties(
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(30),
                    10,
                    20,
                    Duration.ZERO,
                    Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aZeroLastPieceHoldIsRefused() {
    assertThatThrownBy(
            () ->
                new CartProperties(
                    Duration.ofMinutes(15),
                    Duration.ZERO,
                    Duration.ofMinutes(30),
                    10,
                    20,
                    Duration.ofHours(1),
                    Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("last-piece-hold");
  }
}
