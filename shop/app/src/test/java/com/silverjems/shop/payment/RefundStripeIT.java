package com.silverjems.shop.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.silverjems.shop.StripeShopIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Refunds against the Stripe stand-in: the shop calls {@code POST /v1/refunds} once per refund
 * (idempotency key), records it pending, and only Stripe's signed webhook settles it.
 */
class RefundStripeIT extends StripeShopIntegrationTest {

  @Test
  void aFullRefundCallsStripeAndIsSettledOnlyByTheWebhookWhichRestocks() {
    String sku = newProduct(2, 6500);
    Placed order = place(sku, 2);
    assertThat(paid(order).status()).isEqualTo(200);
    assertThat(stockOf(sku)).isZero();
    String key = UUID.randomUUID().toString();
    String refundId = "re_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    // Stripe answers a card refund at once with status succeeded: still only the webhook counts.
    stubRefund(200, refundObject(refundId, order, 13000, "succeeded", null));

    Answer answer = refund(order, key, Map.of("reason", "changed her mind"));

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.body().get("status").asText()).isEqualTo("pending");
    assertThat(answer.body().get("amountMinor").asLong()).isEqualTo(13000);
    String ours = answer.body().get("id").asText();
    stripe.verify(
        postRequestedFor(urlEqualTo("/v1/refunds"))
            .withHeader("Authorization", equalTo("Bearer sk_test_integration"))
            .withHeader("Idempotency-Key", equalTo("refund-" + key))
            .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
            .withRequestBody(containing("payment_intent=" + order.intentId()))
            .withRequestBody(containing("amount=13000"))
            .withRequestBody(containing("metadata%5Brefund_id%5D=" + ours)));
    assertThat(orderStatus(order)).isEqualTo("paid");
    assertThat(stockOf(sku)).isZero();

    assertThat(webhook(refundUpdated(refundId, ours, order, 13000, "succeeded", null)).status())
        .isEqualTo(200);

    JsonNode refunds = get(refundsPath(order), admin()).body();
    assertThat(refunds.get(0).get("status").asText()).isEqualTo("succeeded");
    assertThat(refunds.get(0).get("providerRefundId").asText()).isEqualTo(refundId);
    assertThat(orderStatus(order)).isEqualTo("refunded");
    assertThat(stockOf(sku)).isEqualTo(2);
    assertThat(auditActions(order))
        .containsSubsequence("order.refund-requested", "order.refund-succeeded");
    JsonNode email = event(order, "order-refunded");
    assertThat(email.get("totalMinor").asLong()).isEqualTo(13000);
    assertThat(email.get("full").asBoolean()).isTrue();
    assertThat(email.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
    assertThat(email.get("recipient").get("email").asText()).isEqualTo("jo@example.com");
  }

  @Test
  void aRefundPerLineRefundsThatLineAndTheAmountCannotExceedWhatIsLeft() {
    String sku = newProduct(3, 4000);
    Placed order = place(sku, 3);
    paid(order);
    stubRefund(200, refundObject("re_line1", order, 4000, "pending", null));

    Answer one = refund(order, UUID.randomUUID().toString(), lines(sku, 1));
    assertThat(one.status()).isEqualTo(202);
    assertThat(one.body().get("amountMinor").asLong()).isEqualTo(4000);
    webhook(
        refundUpdated("re_line1", one.body().get("id").asText(), order, 4000, "succeeded", null));
    assertThat(stockOf(sku)).isEqualTo(1);
    assertThat(orderStatus(order)).isEqualTo("paid");

    Answer tooMany = refund(order, UUID.randomUUID().toString(), lines(sku, 3));
    assertThat(tooMany.status()).isEqualTo(422);
    assertThat(tooMany.header("Content-Type")).startsWith("application/problem+json");
    assertThat(tooMany.body().get("type").asText()).endsWith("/refund-amount-invalid");
    Answer unknown = refund(order, UUID.randomUUID().toString(), lines("NO-SUCH-SKU", 1));
    assertThat(unknown.status()).isEqualTo(422);

    // "Refund in full" after a line refund: what is left, not what was paid.
    stubRefund(200, refundObject("re_rest", order, 8000, "pending", null));
    Answer rest = refund(order, UUID.randomUUID().toString(), Map.of());
    assertThat(rest.body().get("amountMinor").asLong()).isEqualTo(8000);
    stripe.verify(
        postRequestedFor(urlEqualTo("/v1/refunds")).withRequestBody(containing("amount=8000")));
    webhook(
        refundUpdated("re_rest", rest.body().get("id").asText(), order, 8000, "succeeded", null));
    assertThat(stockOf(sku)).isEqualTo(3);
    assertThat(orderStatus(order)).isEqualTo("refunded");
    Answer nothingLeft = refund(order, UUID.randomUUID().toString(), Map.of());
    assertThat(nothingLeft.status()).isEqualTo(409);
  }

  @Test
  void aShippedOrderIsRefundedWithoutRestocking() {
    String sku = newProduct(1, 9000);
    Placed order = place(sku, 1);
    paid(order);
    for (Map<String, Object> step :
        List.<Map<String, Object>>of(
            Map.of("status", "packed"),
            Map.of("status", "shipped", "carrier", "Royal Mail", "trackingNumber", "RM1"))) {
      assertThat(
              post("/api/admin/orders/" + order.number() + "/transitions", step, admin()).status())
          .isEqualTo(200);
    }
    stubRefund(200, refundObject("re_shipped", order, 9000, "pending", null));
    Answer answer = refund(order, UUID.randomUUID().toString(), Map.of());
    webhook(
        refundUpdated(
            "re_shipped", answer.body().get("id").asText(), order, 9000, "succeeded", null));

    assertThat(orderStatus(order)).isEqualTo("refunded");
    assertThat(stockOf(sku)).isZero();
  }

  @Test
  void aRefundStripeDeclinesShowsAsDeclinedWithItsReason() {
    String sku = newProduct(1, 5000);
    Placed order = place(sku, 1);
    paid(order);
    // Stripe's error object for a refund it will not make.
    stubRefund(
        400,
        """
        {"error": {"type": "invalid_request_error", "code": "charge_disputed",
          "message": "Charge ch_3Mtw has been disputed; it cannot be refunded.",
          "request_log_url": "https://dashboard.stripe.com/test/logs/req_1"}}
        """);

    Answer declined = refund(order, UUID.randomUUID().toString(), Map.of());

    assertThat(declined.body().get("status").asText()).isEqualTo("failed");
    assertThat(declined.body().get("failureReason").asText())
        .isEqualTo("charge_disputed: Charge ch_3Mtw has been disputed; it cannot be refunded.");
    assertThat(orderStatus(order)).isEqualTo("paid");
    assertThat(auditActions(order)).contains("order.refund-declined");
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM outbox_event WHERE aggregate_id = :id"
                        + " AND event_type = 'order-refunded'")
                .param("id", order.orderId())
                .query(Long.class)
                .single())
        .isZero();

    // Accepted at first, then failed at the bank: refund.updated with failure_reason.
    stubRefund(200, refundObject("re_later", order, 5000, "pending", null));
    Answer later = refund(order, UUID.randomUUID().toString(), Map.of());
    assertThat(later.status())
        .isEqualTo(202); // The declined one does not count against the amount.
    webhook(
        refundUpdated(
            "re_later",
            later.body().get("id").asText(),
            order,
            5000,
            "failed",
            "expired_or_canceled_card"));
    JsonNode refunds = get(refundsPath(order), admin()).body();
    assertThat(refunds.get(1).get("status").asText()).isEqualTo("failed");
    assertThat(refunds.get(1).get("failureReason").asText()).isEqualTo("expired_or_canceled_card");
    assertThat(orderStatus(order)).isEqualTo("paid");
    assertThat(stockOf(sku)).isZero();
  }

  @Test
  void aDuplicateClickIsOneRefund() {
    String sku = newProduct(1, 7000);
    Placed order = place(sku, 1);
    paid(order);
    stubRefund(200, refundObject("re_dup", order, 7000, "pending", null));
    String key = UUID.randomUUID().toString();

    Answer first = refund(order, key, Map.of());
    Answer second = refund(order, key, Map.of());

    assertThat(second.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
    assertThat(get(refundsPath(order), admin()).body()).hasSize(1);
    assertThat(
            stripe.findAll(
                postRequestedFor(urlEqualTo("/v1/refunds"))
                    .withHeader("Idempotency-Key", equalTo("refund-" + key))))
        .hasSize(1);
  }

  @Test
  void aWebhookThatArrivesBeforeTheApiCallReturnsSettlesTheRefund() throws Exception {
    String sku = newProduct(1, 3000);
    Placed order = place(sku, 1);
    paid(order);
    stripe.stubFor(
        WireMock.post("/v1/refunds")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withFixedDelay(3000)
                    .withBody(refundObject("re_early", order, 3000, "pending", null))));
    String[] headers = with(admin(), "Idempotency-Key", UUID.randomUUID().toString());
    CompletableFuture<Answer> call =
        CompletableFuture.supplyAsync(() -> post(refundsPath(order), Map.of(), headers));
    UUID ours = awaitRefundRow(order);

    assertThat(
            webhook(refundUpdated("re_early", ours.toString(), order, 3000, "succeeded", null))
                .status())
        .isEqualTo(200);
    Answer answer = call.get();

    assertThat(answer.body().get("status").asText()).isEqualTo("succeeded");
    assertThat(answer.body().get("providerRefundId").asText()).isEqualTo("re_early");
    assertThat(orderStatus(order)).isEqualTo("refunded");
    assertThat(stockOf(sku)).isEqualTo(1);
  }

  @Test
  void anUnpaidOrderCannotBeRefunded() {
    Placed order = place(newProduct(1, 2000), 1);
    Answer answer = refund(order, UUID.randomUUID().toString(), Map.of());
    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body().get("type").asText()).endsWith("/order-not-refundable");
    Answer noKey = post(refundsPath(order), Map.of(), admin());
    assertThat(noKey.status()).isEqualTo(400);
  }

  private UUID awaitRefundRow(Placed order) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      var id =
          jdbc.sql("SELECT id FROM refund WHERE order_id = CAST(:o AS UUID)")
              .param("o", order.orderId())
              .query(UUID.class)
              .optional();
      if (id.isPresent()) {
        return id.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no refund recorded");
  }

  private Answer refund(Placed order, String key, Map<String, ?> body) {
    return post(refundsPath(order), body, with(admin(), "Idempotency-Key", key));
  }

  private static String refundsPath(Placed order) {
    return "/api/admin/orders/" + order.number() + "/refunds";
  }

  private static Map<String, ?> lines(String sku, int quantity) {
    return Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity)));
  }

  private static void stubRefund(int status, String body) {
    stripe.stubFor(
        WireMock.post("/v1/refunds")
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Request-Id", "req_" + UUID.randomUUID())
                    .withBody(body)));
  }

  /** Trimmed from Stripe's documented refund object. */
  private static String refundObject(
      String id, Placed order, long amount, String status, String failureReason) {
    return """
        {"id": "%s", "object": "refund", "amount": %d, "balance_transaction": null,
         "charge": "ch_3MmlLrLkdIwHu7ix0snN0B15", "created": %d, "currency": "gbp",
         "destination_details": {"card": {"type": "refund"}, "type": "card"},
         "failure_reason": %s, "metadata": {}, "payment_intent": "%s", "reason": null,
         "receipt_number": null, "source_transfer_reversal": null, "status": "%s",
         "transfer_reversal": null}"""
        .formatted(
            id,
            amount,
            Instant.now().getEpochSecond(),
            failureReason == null ? "null" : "\"" + failureReason + "\"",
            order.intentId(),
            status);
  }

  /** Stripe's refund.updated event: the refund object, echoing our metadata. */
  private static String refundUpdated(
      String id, String ours, Placed order, long amount, String status, String failureReason) {
    return """
        {"id": "evt_%s", "object": "event", "type": "refund.updated", "created": %d,
         "data": {"object": {"id": "%s", "object": "refund", "amount": %d, "currency": "gbp",
           "failure_reason": %s, "metadata": {"refund_id": "%s"}, "payment_intent": "%s",
           "status": "%s"}}}"""
        .formatted(
            UUID.randomUUID(),
            Instant.now().getEpochSecond(),
            id,
            amount,
            failureReason == null ? "null" : "\"" + failureReason + "\"",
            ours,
            order.intentId(),
            status);
  }
}
