package com.silverjems.shop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.ShopIntegrationTest;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The local run's provider refunds end to end: its signed webhook settles the refund. */
class LocalRefundIT extends ShopIntegrationTest {

  @Test
  void aLocalRefundIsConfirmedByTheLocalProvidersWebhook() {
    String sku = newProduct(1, 8800);
    JsonNode checkout =
        post(
                "/api/checkout",
                checkoutBody(cartWith(sku, 1)),
                "Idempotency-Key",
                UUID.randomUUID().toString())
            .body();
    String number = checkout.get("order").get("number").asText();
    post(
        "/api/payments/local/intents/" + checkout.get("payment").get("intentId").asText() + "/pay",
        null);
    String[] admin = admin();
    String[] headers = Arrays.copyOf(admin, admin.length + 2);
    headers[admin.length] = "Idempotency-Key";
    headers[admin.length + 1] = UUID.randomUUID().toString();

    Answer refund = post("/api/admin/orders/" + number + "/refunds", Map.of(), headers);

    assertThat(refund.status()).isEqualTo(202);
    assertThat(refund.body().get("status").asText()).isEqualTo("succeeded");
    assertThat(refund.body().get("providerRefundId").asText()).startsWith("re_local_");
    assertThat(get("/api/admin/orders/" + number, admin).body().get("order").get("status").asText())
        .isEqualTo("refunded");
    assertThat(stockOf(sku)).isEqualTo(1);
  }
}
