package com.silverjems.shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.ShopIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class UnpaidOrderExpiryIT extends ShopIntegrationTest {

  @Autowired UnpaidOrderExpiry expiry;

  @Test
  void anOrderUnpaidTooLongIsCancelledAndItsPieceGoesBackOnSale() {
    String sku = newProduct(1, 14500);
    JsonNode abandoned = checkout(sku);
    String paidSku = newProduct(1, 9000);
    JsonNode paid = checkout(paidSku);
    post(
        "/api/payments/local/intents/" + paid.get("payment").get("intentId").asText() + "/pay",
        null);
    jdbc.sql(
            "UPDATE customer_order SET placed_at = now() - interval '2 hours'"
                + " WHERE number IN (:a, :b)")
        .param("a", number(abandoned))
        .param("b", number(paid))
        .update();

    expiry.cancelUnpaid();

    assertThat(status(number(abandoned))).isEqualTo("cancelled");
    assertThat(stockOf(sku)).isEqualTo(1);
    assertThat(status(number(paid))).isEqualTo("paid");
    assertThat(stockOf(paidSku)).isZero();
    assertThat(
            jdbc.sql(
                    "SELECT actor FROM order_status_history h JOIN customer_order o"
                        + " ON o.id = h.order_id WHERE o.number = :n AND h.to_status = 'cancelled'")
                .param("n", number(abandoned))
                .query(String.class)
                .single())
        .isEqualTo(UnpaidOrderExpiry.ACTOR);
  }

  private JsonNode checkout(String sku) {
    return post(
            "/api/checkout",
            checkoutBody(cartWith(sku, 1)),
            "Idempotency-Key",
            UUID.randomUUID().toString())
        .body();
  }

  private static String number(JsonNode checkout) {
    return checkout.get("order").get("number").asText();
  }

  private String status(String number) {
    return jdbc.sql("SELECT status FROM customer_order WHERE number = :n")
        .param("n", number)
        .query(String.class)
        .single();
  }
}
