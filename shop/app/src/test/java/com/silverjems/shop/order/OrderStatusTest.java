package com.silverjems.shop.order;

import static com.silverjems.shop.order.OrderStatus.CANCELLED;
import static com.silverjems.shop.order.OrderStatus.DELIVERED;
import static com.silverjems.shop.order.OrderStatus.PACKED;
import static com.silverjems.shop.order.OrderStatus.PAID;
import static com.silverjems.shop.order.OrderStatus.PLACED;
import static com.silverjems.shop.order.OrderStatus.REFUNDED;
import static com.silverjems.shop.order.OrderStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class OrderStatusTest {

  @Test
  void theHappyPathGoesForwardOneStepAtATime() {
    assertThat(PLACED.canMoveTo(PAID)).isTrue();
    assertThat(PAID.canMoveTo(PACKED)).isTrue();
    assertThat(PACKED.canMoveTo(SHIPPED)).isTrue();
    assertThat(SHIPPED.canMoveTo(DELIVERED)).isTrue();
    assertThat(PLACED.canMoveTo(SHIPPED)).isFalse();
    assertThat(PAID.canMoveTo(DELIVERED)).isFalse();
    assertThat(DELIVERED.canMoveTo(SHIPPED)).isFalse();
  }

  @Test
  void unpaidOrdersAreCancelledAndPaidOnesRefunded() {
    assertThat(PLACED.next()).isEqualTo(EnumSet.of(PAID, CANCELLED));
    assertThat(PAID.canMoveTo(CANCELLED)).isFalse();
    assertThat(PLACED.canMoveTo(REFUNDED)).isFalse();
    for (OrderStatus paidFor : EnumSet.of(PAID, PACKED, SHIPPED, DELIVERED)) {
      assertThat(paidFor.canMoveTo(REFUNDED)).as(paidFor.code()).isTrue();
    }
  }

  @Test
  void cancelledAndRefundedAreFinal() {
    assertThat(CANCELLED.next()).isEmpty();
    assertThat(REFUNDED.next()).isEmpty();
  }

  @Test
  void stockReturnsOnlyWhenTheGoodsNeverLeft() {
    assertThat(PLACED.restocksWhenLeftFor(CANCELLED)).isTrue();
    assertThat(PAID.restocksWhenLeftFor(REFUNDED)).isTrue();
    assertThat(PACKED.restocksWhenLeftFor(REFUNDED)).isTrue();
    assertThat(SHIPPED.restocksWhenLeftFor(REFUNDED)).isFalse();
    assertThat(DELIVERED.restocksWhenLeftFor(REFUNDED)).isFalse();
    assertThat(PAID.restocksWhenLeftFor(PACKED)).isFalse();
  }

  @Test
  void codesAreTheLowerCaseNames() {
    assertThat(OrderStatus.fromCode("shipped")).isEqualTo(SHIPPED);
    assertThat(SHIPPED.code()).isEqualTo("shipped");
  }
}
