package com.silverjems.shop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.EventSchemas;
import com.silverjems.shop.ShopIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Payment is confirmed only by the provider's signed, fresh, first-seen webhook. */
class PaymentWebhookIT extends ShopIntegrationTest {

  @Autowired MeterRegistry meters;

  record Placed(String orderId, String number, String intentId, long totalMinor) {}

  @Test
  void aSignedWebhookMarksTheOrderPaidAndWritesOrderPaid() throws Exception {
    Placed order = placeOrder();
    assertThat(eventTypes(order)).containsExactly("order-placed");
    double accepted = count("accepted");

    Answer answer =
        webhook(succeeded("evt_" + UUID.randomUUID(), order), Instant.now(), WEBHOOK_SECRET);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("duplicate").asBoolean()).isFalse();
    assertThat(status(order)).isEqualTo("paid");
    assertThat(paymentStatus(order)).isEqualTo("succeeded");
    assertThat(eventTypes(order)).containsExactly("order-placed", "order-paid");
    JsonNode paid = json.readTree(payload(order, "order-paid"));
    assertThat(EventSchemas.violations("order-paid", 1, paid)).isEmpty();
    assertThat(paid.get("paymentReference").asText()).isEqualTo(order.intentId());
    assertThat(
            jdbc.sql(
                    "SELECT actor FROM order_status_history WHERE order_id = CAST(:id AS UUID)"
                        + " AND to_status = 'paid'")
                .param("id", order.orderId())
                .query(String.class)
                .single())
        .isEqualTo("payment-provider:local");
    assertThat(count("accepted")).isEqualTo(accepted + 1);
  }

  @Test
  void aBadSignatureIsRejectedAndChangesNothing() {
    Placed order = placeOrder();
    String eventId = "evt_" + UUID.randomUUID();
    double bad = count("bad_signature");

    Answer forged = webhook(succeeded(eventId, order), Instant.now(), "whsec_guessed");
    Answer unsigned =
        post("/api/payments/webhook", succeeded(eventId, order).getBytes(StandardCharsets.UTF_8));
    byte[] genuine = succeeded(eventId, order).getBytes(StandardCharsets.UTF_8);
    String header = StripeWebhookSignature.header(WEBHOOK_SECRET, genuine, Instant.now());
    byte[] tampered =
        succeeded(eventId, order)
            .replace("\"amount\":" + order.totalMinor(), "\"amount\":1")
            .getBytes(StandardCharsets.UTF_8);
    Answer altered = post("/api/payments/webhook", tampered, "Stripe-Signature", header);

    for (Answer answer : List.of(forged, unsigned, altered)) {
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
      assertThat(answer.body().get("type").asText()).endsWith("/webhook-signature-invalid");
    }
    assertNothingChanged(order, eventId);
    assertThat(count("bad_signature")).isEqualTo(bad + 3);
  }

  @Test
  void anOldTimestampIsRejectedAndChangesNothing() {
    Placed order = placeOrder();
    String eventId = "evt_" + UUID.randomUUID();
    double stale = count("stale");

    Answer old =
        webhook(
            succeeded(eventId, order), Instant.now().minus(Duration.ofMinutes(6)), WEBHOOK_SECRET);

    assertThat(old.status()).isEqualTo(400);
    assertThat(old.body().get("type").asText()).endsWith("/webhook-timestamp-stale");
    assertNothingChanged(order, eventId);
    assertThat(count("stale")).isEqualTo(stale + 1);
  }

  @Test
  void aReplayedEventIsAcknowledgedAndChangesNothingMore() {
    Placed order = placeOrder();
    String eventId = "evt_" + UUID.randomUUID();
    assertThat(webhook(succeeded(eventId, order), Instant.now(), WEBHOOK_SECRET).status())
        .isEqualTo(200);
    double duplicates = count("duplicate");

    // The attacker (or the provider retrying) re-sends the same event, even freshly signed.
    Answer again = webhook(succeeded(eventId, order), Instant.now(), WEBHOOK_SECRET);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("duplicate").asBoolean()).isTrue();
    assertThat(eventTypes(order)).containsExactly("order-placed", "order-paid");
    assertThat(count("duplicate")).isEqualTo(duplicates + 1);
  }

  @Test
  void aSucceededEventForAnotherAmountDoesNotPayTheOrder() {
    Placed order = placeOrder();
    String event =
        succeeded("evt_" + UUID.randomUUID(), order)
            .replace("\"amount\":" + order.totalMinor(), "\"amount\":100");

    assertThat(webhook(event, Instant.now(), WEBHOOK_SECRET).status()).isEqualTo(200);

    assertThat(status(order)).isEqualTo("placed");
    assertThat(eventTypes(order)).containsExactly("order-placed");
  }

  @Test
  void aFailedEventArrivingAfterTheSuccessLeavesThePaymentSucceeded() {
    Placed order = placeOrder();
    assertThat(
            webhook(succeeded("evt_" + UUID.randomUUID(), order), Instant.now(), WEBHOOK_SECRET)
                .status())
        .isEqualTo(200);

    // A card declined earlier, delivered late (the provider does not promise order).
    String failed =
        succeeded("evt_" + UUID.randomUUID(), order)
            .replace("payment_intent.succeeded", "payment_intent.payment_failed")
            .replace("\"status\":\"succeeded\"", "\"status\":\"requires_payment_method\"");
    assertThat(webhook(failed, Instant.now(), WEBHOOK_SECRET).status()).isEqualTo(200);

    assertThat(paymentStatus(order)).isEqualTo("succeeded");
    assertThat(status(order)).isEqualTo("paid");
  }

  @Test
  void theLocalProvidersPayButtonGoesThroughTheSignedWebhook() {
    Placed order = placeOrder();
    double accepted = count("accepted");

    Answer paid = post("/api/payments/local/intents/" + order.intentId() + "/pay", null);

    assertThat(paid.status()).isEqualTo(200);
    assertThat(status(order)).isEqualTo("paid");
    assertThat(count("accepted")).isEqualTo(accepted + 1);
  }

  private void assertNothingChanged(Placed order, String eventId) {
    assertThat(status(order)).isEqualTo("placed");
    assertThat(paymentStatus(order)).isEqualTo("pending");
    assertThat(eventTypes(order)).containsExactly("order-placed");
    assertThat(
            jdbc.sql("SELECT count(*) FROM payment_webhook_event WHERE event_id = :id")
                .param("id", eventId)
                .query(Integer.class)
                .single())
        .isZero();
  }

  private Placed placeOrder() {
    String sku = newProduct(3, 6500);
    String cart = cartWith(sku, 1);
    JsonNode body =
        post("/api/checkout", checkoutBody(cart), "Idempotency-Key", UUID.randomUUID().toString())
            .body();
    return new Placed(
        body.get("order").get("id").asText(),
        body.get("order").get("number").asText(),
        body.get("payment").get("intentId").asText(),
        body.get("order").get("totalMinor").asLong());
  }

  /** A Stripe-shaped event, as the provider sends it. */
  private static String succeeded(String eventId, Placed order) {
    return """
        {"id":"%s","object":"event","type":"payment_intent.succeeded","created":%d,\
        "data":{"object":{"id":"%s","object":"payment_intent","amount":%d,"currency":"gbp",\
        "status":"succeeded","metadata":{"order_id":"%s"}}}}"""
        .formatted(
            eventId,
            Instant.now().getEpochSecond(),
            order.intentId(),
            order.totalMinor(),
            order.orderId());
  }

  private Answer webhook(String event, Instant signedAt, String secret) {
    byte[] payload = event.getBytes(StandardCharsets.UTF_8);
    return post(
        "/api/payments/webhook",
        payload,
        "Stripe-Signature",
        StripeWebhookSignature.header(secret, payload, signedAt));
  }

  private double count(String outcome) {
    return meters.get("silverjems.payment.webhook").tag("outcome", outcome).counter().count();
  }

  private String status(Placed order) {
    return jdbc.sql("SELECT status FROM customer_order WHERE id = CAST(:id AS UUID)")
        .param("id", order.orderId())
        .query(String.class)
        .single();
  }

  private String paymentStatus(Placed order) {
    return jdbc.sql("SELECT status FROM payment WHERE order_id = CAST(:id AS UUID)")
        .param("id", order.orderId())
        .query(String.class)
        .single();
  }

  private List<String> eventTypes(Placed order) {
    return jdbc.sql(
            "SELECT event_type FROM outbox_event WHERE aggregate_id = :id ORDER BY created_at")
        .param("id", order.orderId())
        .query(String.class)
        .list();
  }

  private String payload(Placed order, String type) {
    return jdbc.sql(
            "SELECT CAST(payload AS TEXT) FROM outbox_event WHERE aggregate_id = :id"
                + " AND event_type = :type")
        .param("id", order.orderId())
        .param("type", type)
        .query(String.class)
        .single();
  }
}
