package com.silverjems.shop.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life of an order: placed (awaiting payment) -> paid -> packed -> shipped -> delivered, or
 * cancelled before payment, or refunded after it. Every other move is illegal.
 */
public enum OrderStatus {
  PLACED,
  PAID,
  PACKED,
  SHIPPED,
  DELIVERED,
  CANCELLED,
  REFUNDED;

  /** Where an order in this status may go next. */
  public Set<OrderStatus> next() {
    return switch (this) {
      case PLACED -> EnumSet.of(PAID, CANCELLED);
      case PAID -> EnumSet.of(PACKED, REFUNDED);
      case PACKED -> EnumSet.of(SHIPPED, REFUNDED);
      case SHIPPED -> EnumSet.of(DELIVERED, REFUNDED);
      case DELIVERED -> EnumSet.of(REFUNDED);
      case CANCELLED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
    };
  }

  public boolean canMoveTo(OrderStatus target) {
    return next().contains(target);
  }

  /** Stock comes back to the shelf only if the goods never left the workshop. */
  boolean restocksWhenLeftFor(OrderStatus target) {
    return target == CANCELLED || (target == REFUNDED && (this == PAID || this == PACKED));
  }

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static OrderStatus fromCode(String code) {
    return Arrays.stream(values())
        .filter(status -> status.code().equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown order status " + code));
  }
}
