package com.silverjems.shop.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.EventSchemas;
import com.silverjems.shop.ShopIntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

class AdminIT extends ShopIntegrationTest {

  @Test
  void everyCatalogueChangeIsAuditedWithWhoWhatBeforeAfterAndWhen() {
    Instant start = Instant.now().minusSeconds(1);
    String sku = newProduct(4, 5000);

    put(
        "/api/admin/variants/" + sku + "/price",
        Map.of("priceMinor", 5200, "currency", "GBP"),
        admin());
    // Without a session the change is refused, and nothing is audited for it.
    assertThat(put("/api/admin/variants/" + sku + "/stock", Map.of("stock", 1)).status())
        .isEqualTo(401);
    put("/api/admin/variants/" + sku + "/stock", Map.of("stock", 9), admin());

    JsonNode log = get("/api/admin/audit-log?entityType=variant&entityId=" + sku, admin()).body();
    assertThat(log)
        .extracting(e -> e.get("action").asText())
        .containsExactly("variant.stock-set", "variant.price-set", "variant.created");
    JsonNode stock = log.get(0);
    // The actor is the principal's name: the admin's account id, not an address that can change.
    String adminId = adminAccountId().toString();
    assertThat(stock.get("actor").asText()).isEqualTo(adminId);
    assertThat(stock.get("before").get("stock").asInt()).isEqualTo(4);
    assertThat(stock.get("after").get("stock").asInt()).isEqualTo(9);
    assertThat(Instant.parse(stock.get("at").asText())).isAfter(start);
    JsonNode price = log.get(1);
    assertThat(price.get("actor").asText()).isEqualTo(adminId);
    assertThat(price.get("before").get("priceMinor").asLong()).isEqualTo(5000);
    assertThat(price.get("after").get("priceMinor").asLong()).isEqualTo(5200);
    assertThat(log.get(2).has("before")).as("a creation has no before").isFalse();
    assertThat(log.get(2).get("after").get("sku").asText()).isEqualTo(sku);
  }

  @Test
  void theAuditLogCannotBeRewritten() {
    newProduct(1, 100);
    assertThatThrownBy(() -> jdbc.sql("UPDATE admin_audit_log SET actor = 'mallory'").update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM admin_audit_log").update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
  }

  @Test
  void adminFormsAreValidatedFieldByFieldAndDuplicatesRefused() {
    Answer invalid =
        post(
            "/api/admin/products/hammered-band-ring/variants",
            Map.of(
                "sku", "lower-case",
                "metal", "silver",
                "purity", "925",
                "weightGrams", 0,
                "priceMinor", -5,
                "currency", "GBP",
                "stock", 1),
            admin());
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.body().get("errors"))
        .extracting(e -> e.get("field").asText())
        .containsExactly("priceMinor", "sku", "weightGrams");

    Answer duplicate =
        post(
            "/api/admin/products",
            Map.of(
                "slug", "hammered-band-ring",
                "name", "Again",
                "category", "rings",
                "published", true),
            admin());
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.body().get("type").asText()).endsWith("/already-exists");
    assertThat(put("/api/admin/variants/NOPE/stock", Map.of("stock", 1), admin()).status())
        .isEqualTo(404);
  }

  @Test
  void ordersFollowTheirStateMachineAndShippingWritesOrderShipped() throws Exception {
    Placed order = placeAndPay();
    String base = "/api/admin/orders/" + order.number() + "/transitions";

    assertThat(post(base, Map.of("status", "packed"), admin()).status()).isEqualTo(200);

    Answer illegal = post(base, Map.of("status", "delivered"), admin());
    assertThat(illegal.status()).isEqualTo(409);
    assertThat(illegal.header("Content-Type")).startsWith("application/problem+json");
    assertThat(illegal.body().get("type").asText()).endsWith("/illegal-order-transition");
    assertThat(illegal.body().get("from").asText()).isEqualTo("packed");
    assertThat(illegal.body().get("allowed"))
        .extracting(JsonNode::asText)
        .containsExactly("shipped");

    Answer noTracking = post(base, Map.of("status", "shipped"), admin());
    assertThat(noTracking.status()).isEqualTo(422);
    assertThat(noTracking.body().get("type").asText()).endsWith("/shipment-details-required");

    Answer shipped =
        post(
            base,
            Map.of(
                "status", "shipped",
                "carrier", "Royal Mail",
                "trackingNumber", "RM123456789GB",
                "trackingUrl", "https://track.example/RM123456789GB"),
            admin());
    assertThat(shipped.status()).isEqualTo(200);
    assertThat(shipped.body().get("order").get("shipment").get("carrier").asText())
        .isEqualTo("Royal Mail");
    JsonNode event =
        json.readTree(
            jdbc.sql(
                    "SELECT CAST(payload AS TEXT) FROM outbox_event WHERE aggregate_id = :id"
                        + " AND event_type = 'order-shipped'")
                .param("id", order.id())
                .query(String.class)
                .single());
    assertThat(EventSchemas.violations("order-shipped", 1, event)).isEmpty();
    assertThat(event.get("trackingNumber").asText()).isEqualTo("RM123456789GB");

    assertThat(post(base, Map.of("status", "delivered"), admin()).status()).isEqualTo(200);
    JsonNode history = get("/api/admin/orders/" + order.number(), admin()).body().get("history");
    assertThat(history)
        .extracting(h -> h.get("to").asText() + " by " + h.get("actor").asText())
        .containsExactly(
            "placed by anonymous",
            "paid by payment-provider:local",
            "packed by " + adminAccountId(),
            "shipped by " + adminAccountId(),
            "delivered by " + adminAccountId());
    assertThat(
            get("/api/admin/audit-log?entityType=order&entityId=" + order.number(), admin()).body())
        .extracting(e -> e.get("action").asText())
        .containsExactly("order.delivered", "order.shipped", "order.packed");
  }

  @Test
  void cancellingAnUnpaidOrderPutsItsStockBackAndCannotBeUndone() {
    String sku = newProduct(2, 3000);
    String cart = cartWith(sku, 2);
    String number =
        post("/api/checkout", checkoutBody(cart), "Idempotency-Key", UUID.randomUUID().toString())
            .body()
            .get("order")
            .get("number")
            .asText();
    assertThat(stockOf(sku)).isZero();

    Answer cancelled =
        post(
            "/api/admin/orders/" + number + "/transitions",
            Map.of("status", "cancelled", "reason", "Shopper asked"),
            admin());

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(stockOf(sku)).isEqualTo(2);
    Answer undo =
        post("/api/admin/orders/" + number + "/transitions", Map.of("status", "paid"), admin());
    assertThat(undo.status()).isEqualTo(409);
    assertThat(undo.body().get("allowed")).isEmpty();
    assertThat(get("/api/admin/orders?status=cancelled", admin()).body())
        .extracting(o -> o.get("number").asText())
        .contains(number);
    assertThat(get("/api/admin/orders?status=lost", admin()).status()).isEqualTo(400);
  }

  @Test
  void markingAnOrderPaidByHandIsAManualPaymentWithAReasonAndWritesOrderPaid() throws Exception {
    String sku = newProduct(2, 3000);
    String cart = cartWith(sku, 1);
    JsonNode placed =
        post("/api/checkout", checkoutBody(cart), "Idempotency-Key", UUID.randomUUID().toString())
            .body()
            .get("order");
    String number = placed.get("number").asText();
    String base = "/api/admin/orders/" + number + "/transitions";

    Answer noReason = post(base, Map.of("status", "paid"), admin());
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.body().get("type").asText()).endsWith("/manual-payment-reason-required");

    Answer paid =
        post(base, Map.of("status", "paid", "reason", "Paid by bank transfer, ref 4411"), admin());

    assertThat(paid.status()).isEqualTo(200);
    assertThat(paid.body().get("order").get("status").asText()).isEqualTo("paid");
    JsonNode event =
        json.readTree(
            jdbc.sql(
                    "SELECT CAST(payload AS TEXT) FROM outbox_event WHERE aggregate_id = :id"
                        + " AND event_type = 'order-paid'")
                .param("id", placed.get("id").asText())
                .query(String.class)
                .single());
    assertThat(EventSchemas.violations("order-paid", 1, event)).isEmpty();
    assertThat(event.get("paymentReference").asText())
        .isEqualTo("manual: Paid by bank transfer, ref 4411");
    assertThat(event.toString()).contains("jo@example.com");
    JsonNode audit =
        get("/api/admin/audit-log?entityType=order&entityId=" + number, admin()).body().get(0);
    assertThat(audit.get("action").asText()).isEqualTo("order.manual-payment");
    assertThat(audit.get("actor").asText()).isEqualTo(adminAccountId().toString());
    assertThat(audit.toString()).contains("Paid by bank transfer, ref 4411");
  }

  @Test
  void anOrderCannotBeMarkedRefundedByHandOnlyThroughTheRefundsEndpoint() {
    Placed order = placeAndPay();

    Answer refunded =
        post(
            "/api/admin/orders/" + order.number() + "/transitions",
            Map.of("status", "refunded", "reason", "Customer sent it back"),
            admin());

    assertThat(refunded.status()).isEqualTo(409);
    assertThat(refunded.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refunded.body().get("type").asText()).endsWith("/refund-through-provider");
    assertThat(refunded.body().get("refunds").asText())
        .isEqualTo("/api/admin/orders/" + order.number() + "/refunds");
    assertThat(refunded.body().get("detail").asText())
        .contains("/api/admin/orders/" + order.number() + "/refunds");
    // Nothing changed: still paid, no refund email, nothing audited.
    JsonNode after = get("/api/admin/orders/" + order.number(), admin()).body();
    assertThat(after.get("order").get("status").asText()).isEqualTo("paid");
    assertThat(after.get("history")).hasSize(2);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM outbox_event WHERE aggregate_id = :id"
                        + " AND event_type = 'order-refunded'")
                .param("id", order.id())
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            get("/api/admin/audit-log?entityType=order&entityId=" + order.number(), admin()).body())
        .isEmpty();
  }

  @Test
  void theOrderSettingsShowHowLongAnUnpaidOrderIsKept() {
    assertThat(get("/api/admin/settings/orders").status()).isEqualTo(401);

    Answer settings = get("/api/admin/settings/orders", admin());

    assertThat(settings.status()).isEqualTo(200);
    assertThat(settings.body().get("unpaidTtl").asText()).isEqualTo("PT30M");
    assertThat(settings.body().get("unpaidTtlSeconds").asLong()).isEqualTo(1800);
    assertThat(settings.body().get("property").asText()).isEqualTo("silverjems.orders.unpaid-ttl");
  }

  record Placed(String id, String number) {}

  private Placed placeAndPay() {
    String sku = newProduct(3, 7000);
    String cart = cartWith(sku, 1);
    Map<String, Object> body = new HashMap<>(checkoutBody(cart));
    JsonNode placed =
        post("/api/checkout", body, "Idempotency-Key", UUID.randomUUID().toString()).body();
    String intent = placed.get("payment").get("intentId").asText();
    assertThat(post("/api/payments/local/intents/" + intent + "/pay", null).status())
        .isEqualTo(200);
    return new Placed(
        placed.get("order").get("id").asText(), placed.get("order").get("number").asText());
  }
}
