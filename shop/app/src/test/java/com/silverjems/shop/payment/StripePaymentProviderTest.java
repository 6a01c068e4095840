package com.silverjems.shop.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The Stripe adapter against WireMock answering as Stripe's Payment Intents API does. */
class StripePaymentProviderTest {

  private final WireMockServer stripe = new WireMockServer(options().dynamicPort());
  private StripePaymentProvider provider;

  @BeforeEach
  void start() {
    stripe.start();
    provider = provider("sk_test_123");
  }

  @AfterEach
  void stop() {
    stripe.stop();
  }

  @Test
  void createsAPaymentIntentTheWayStripeExpects() {
    // Trimmed from Stripe's documented response for POST /v1/payment_intents.
    stripe.stubFor(
        post("/v1/payment_intents")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Request-Id", "req_123")
                    .withBody(
                        """
                        {
                          "id": "pi_3MtwBwLkdIwHu7ix28a3tqPa",
                          "object": "payment_intent",
                          "amount": 8400,
                          "amount_received": 0,
                          "automatic_payment_methods": {"enabled": true},
                          "client_secret": "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH",
                          "confirmation_method": "automatic",
                          "created": 1680800504,
                          "currency": "gbp",
                          "livemode": false,
                          "metadata": {"order_id": "x", "order_number": "SJ-2026-000001"},
                          "status": "requires_payment_method"
                        }
                        """)));
    UUID orderId = UUID.randomUUID();

    PaymentProvider.Intent intent =
        provider.createIntent(
            new PaymentProvider.IntentRequest(
                orderId, "SJ-2026-000001", 8400, "GBP", "order-" + orderId));

    assertThat(intent.id()).isEqualTo("pi_3MtwBwLkdIwHu7ix28a3tqPa");
    assertThat(intent.clientSecret()).startsWith("pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_");
    stripe.verify(
        postRequestedFor(urlEqualTo("/v1/payment_intents"))
            .withHeader("Authorization", equalTo("Bearer sk_test_123"))
            .withHeader("Idempotency-Key", equalTo("order-" + orderId))
            .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
            .withRequestBody(containing("amount=8400"))
            .withRequestBody(containing("currency=gbp"))
            .withRequestBody(containing("metadata%5Border_id%5D=" + orderId))
            .withRequestBody(containing("automatic_payment_methods%5Benabled%5D=true")));
  }

  @Test
  void aStripeErrorOrOutageIsPaymentProviderUnavailable() {
    stripe.stubFor(
        post("/v1/payment_intents")
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"error": {"type": "api_error", "message": "An unknown error occurred"}}
                        """)));
    UUID orderId = UUID.randomUUID();

    assertThatThrownBy(
            () ->
                provider.createIntent(
                    new PaymentProvider.IntentRequest(orderId, "SJ-1", 100, "GBP", "k")))
        .isInstanceOf(PaymentProviderUnavailable.class)
        .satisfies(
            e ->
                assertThat(((PaymentProviderUnavailable) e).getStatusCode().value())
                    .isEqualTo(503));

    stripe.stop();
    assertThatThrownBy(
            () ->
                provider.createIntent(
                    new PaymentProvider.IntentRequest(orderId, "SJ-1", 100, "GBP", "k")))
        .isInstanceOf(PaymentProviderUnavailable.class);
  }

  @Test
  void productionWithoutAStripeKeyFailsAtStartUpSayingWhatToSet() {
    assertThatThrownBy(() -> provider(""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("STRIPE_API_KEY");
  }

  private StripePaymentProvider provider(String apiKey) {
    return new StripePaymentProvider(
        new PaymentProperties(
            "stripe",
            Duration.ofMinutes(5),
            new PaymentProperties.Stripe(
                URI.create(stripe.baseUrl()), apiKey, "whsec_x", Duration.ofSeconds(2)),
            new PaymentProperties.Local(null)),
        RestClient.builder(),
        new ObjectMapper(),
        Clock.systemUTC());
  }
}
