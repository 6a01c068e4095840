package com.silverjems.shop;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shop with its real Stripe adapter, talking to a WireMock stand-in that answers as Stripe's
 * API does; webhooks are signed with the endpoint secret as Stripe signs them.
 */
public abstract class StripeShopIntegrationTest extends ShopIntegrationTest {

  protected static final WireMockServer stripe = new WireMockServer(options().dynamicPort());

  @DynamicPropertySource
  static void stripe(DynamicPropertyRegistry registry) {
    synchronized (StripeShopIntegrationTest.class) {
      if (!stripe.isRunning()) {
        stripe.start();
        Runtime.getRuntime().addShutdownHook(new Thread(stripe::stop));
      }
    }
    registry.add("silverjems.payments.provider", () -> "stripe");
    registry.add("silverjems.payments.stripe.base-url", () -> "http://localhost:" + stripe.port());
    registry.add("silverjems.payments.stripe.api-key", () -> "sk_test_integration");
    registry.add("silverjems.payments.stripe.webhook-secret", () -> WEBHOOK_SECRET);
    registry.add("silverjems.payments.stripe.timeout", () -> "10s");
  }

  /** An order placed through checkout, its intent made by the Stripe stand-in. */
  public record Placed(String orderId, String number, String intentId, long totalMinor) {}

  protected Placed place(String sku, int quantity) {
    String intentId = "pi_3" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
    stripe.stubFor(
        WireMock.post("/v1/payment_intents")
            .withHeader(
                "Idempotency-Key", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"id": "%s", "object": "payment_intent", "amount": 0,
                         "client_secret": "%s_secret_abc", "currency": "gbp",
                         "status": "requires_payment_method"}
                        """
                            .formatted(intentId, intentId))));
    String cart = cartWith(sku, quantity);
    JsonNode body =
        post("/api/checkout", checkoutBody(cart), "Idempotency-Key", UUID.randomUUID().toString())
            .body();
    return new Placed(
        body.get("order").get("id").asText(),
        body.get("order").get("number").asText(),
        body.get("payment").get("intentId").asText(),
        body.get("order").get("totalMinor").asLong());
  }

  /** Stripe's {@code payment_intent.succeeded} for the order, signed. */
  protected Answer paid(Placed order) {
    return webhook(
        """
        {"id":"evt_%s","object":"event","type":"payment_intent.succeeded","created":%d,
         "data":{"object":{"id":"%s","object":"payment_intent","amount":%d,"currency":"gbp",
         "status":"succeeded"}}}"""
            .formatted(
                UUID.randomUUID(),
                Instant.now().getEpochSecond(),
                order.intentId(),
                order.totalMinor()));
  }

  /** Posts a Stripe-signed webhook. */
  protected Answer webhook(String event) {
    byte[] payload = event.getBytes(StandardCharsets.UTF_8);
    return post(
        "/api/payments/webhook", payload, "Stripe-Signature", signature(payload, Instant.now()));
  }

  private static String signature(byte[] payload, Instant at) {
    try {
      // The shop's own signing code (package-private), as the local provider uses it.
      Method header =
          Class.forName("com.silverjems.shop.payment.StripeWebhookSignature")
              .getDeclaredMethod("header", String.class, byte[].class, Instant.class);
      header.setAccessible(true);
      return (String) header.invoke(null, WEBHOOK_SECRET, payload, at);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  protected static String[] with(String[] headers, String... more) {
    String[] all = Arrays.copyOf(headers, headers.length + more.length);
    System.arraycopy(more, 0, all, headers.length, more.length);
    return all;
  }

  protected String orderStatus(Placed order) {
    return jdbc.sql("SELECT status FROM customer_order WHERE id = CAST(:id AS UUID)")
        .param("id", order.orderId())
        .query(String.class)
        .single();
  }

  /** The payload of the order's one outbox event of this type, checked against its schema. */
  protected JsonNode event(Placed order, String type) {
    try {
      JsonNode payload =
          json.readTree(
              jdbc.sql(
                      "SELECT CAST(payload AS TEXT) FROM outbox_event WHERE aggregate_id = :id"
                          + " AND event_type = :type")
                  .param("id", order.orderId())
                  .param("type", type)
                  .query(String.class)
                  .single());
      org.assertj.core.api.Assertions.assertThat(EventSchemas.violations(type, 1, payload))
          .isEmpty();
      return payload;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  protected java.util.List<String> auditActions(Placed order) {
    return jdbc.sql(
            "SELECT action FROM admin_audit_log WHERE entity_type = 'order' AND entity_id = :n"
                + " ORDER BY id")
        .param("n", order.number())
        .query(String.class)
        .list();
  }
}
