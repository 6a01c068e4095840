package com.silverjems.shop.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.silverjems.shop.StripeShopIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Unpaid orders expire only once Stripe has cancelled their payment intent. */
class UnpaidOrderStripeExpiryIT extends StripeShopIntegrationTest {

  @Autowired UnpaidOrderExpiry expiry;
  @Autowired OrderProperties properties;

  @Test
  void theDefaultTimeToPayIsThirtyMinutes() {
    assertThat(properties.unpaidTtl()).hasMinutes(30);
  }

  @Test
  void theIntentIsCancelledFirstThenTheOrderAndItsStockGoAndALatePaymentIsRefunded() {
    String sku = newProduct(1, 11000);
    Placed order = place(sku, 1);
    stubCancel(order, 200, intent(order, "canceled"));
    age(order);

    expiry.cancelUnpaid();

    stripe.verify(
        postRequestedFor(urlEqualTo("/v1/payment_intents/" + order.intentId() + "/cancel"))
            .withHeader("Authorization", equalTo("Bearer sk_test_integration")));
    assertThat(orderStatus(order)).isEqualTo("cancelled");
    assertThat(stockOf(sku)).isEqualTo(1);
    assertThat(event(order, "order-cancelled").get("unpaid").asBoolean()).isTrue();

    // The shopper's payment went through at Stripe all the same: it goes straight back.
    stripe.stubFor(
        WireMock.post("/v1/refunds")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"id": "re_late_%s", "object": "refund", "amount": 11000,
                         "currency": "gbp", "payment_intent": "%s", "status": "pending",
                         "failure_reason": null, "metadata": {}}
                        """
                            .formatted(UUID.randomUUID(), order.intentId()))));
    assertThat(paid(order).status()).isEqualTo(200);

    stripe.verify(
        postRequestedFor(urlEqualTo("/v1/refunds"))
            .withRequestBody(containing("payment_intent=" + order.intentId()))
            .withRequestBody(containing("amount=11000")));
    assertThat(orderStatus(order)).isEqualTo("cancelled");
    assertThat(auditActions(order)).contains("order.late-payment-refunded");
    assertThat(stockOf(sku)).isEqualTo(1);
  }

  @Test
  void anOrderStripeSaysIsAlreadyPaidIsNotCancelled() {
    String sku = newProduct(1, 6000);
    Placed order = place(sku, 1);
    // Stripe's answer to cancelling a succeeded intent.
    stubCancel(
        order,
        400,
        """
        {"error": {"type": "invalid_request_error", "code": "payment_intent_unexpected_state",
          "message": "You cannot cancel this PaymentIntent because it has a status of succeeded.",
          "payment_intent": %s}}
        """
            .formatted(intent(order, "succeeded")));
    age(order);

    expiry.cancelUnpaid();

    assertThat(orderStatus(order)).isEqualTo("placed");
    assertThat(stockOf(sku)).isZero();
    assertThat(paid(order).status()).isEqualTo(200);
    assertThat(orderStatus(order)).isEqualTo("paid");
  }

  private void age(Placed order) {
    jdbc.sql(
            "UPDATE customer_order SET placed_at = now() - interval '31 minutes'"
                + " WHERE id = CAST(:id AS UUID)")
        .param("id", order.orderId())
        .update();
  }

  private static void stubCancel(Placed order, int status, String body) {
    stripe.stubFor(
        WireMock.post("/v1/payment_intents/" + order.intentId() + "/cancel")
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  private static String intent(Placed order, String status) {
    return """
        {"id": "%s", "object": "payment_intent", "amount": %d, "currency": "gbp",
         "cancellation_reason": null, "status": "%s"}"""
        .formatted(order.intentId(), order.totalMinor(), status);
  }
}
