package com.silverjems.shop.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Stripe's Payment Intents API: {@code POST /v1/payment_intents} (form-encoded, bearer secret key,
 * {@code Idempotency-Key} so a retried checkout gets the same intent), and Stripe-signed webhooks.
 */
final class StripePaymentProvider implements PaymentProvider {

  private final RestClient http;
  private final StripeWebhookSignature signature;
  private final ObjectMapper json;

  StripePaymentProvider(
      PaymentProperties properties, RestClient.Builder builder, ObjectMapper json, Clock clock) {
    PaymentProperties.Stripe stripe = properties.stripe();
    if (stripe.apiKey() == null || stripe.apiKey().isBlank()) {
      throw new IllegalStateException(
          "silverjems.payments.stripe.api-key is not set: export STRIPE_API_KEY (or choose"
              + " silverjems.payments.provider=local outside production)");
    }
    if (stripe.webhookSecret() == null || stripe.webhookSecret().isBlank()) {
      throw new IllegalStateException(
          "silverjems.payments.stripe.webhook-secret is not set: export"
              + " SILVERJEMS_PAYMENTS_WEBHOOK_SECRET");
    }
    JdkClientHttpRequestFactory requests =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(stripe.timeout()).build());
    requests.setReadTimeout(stripe.timeout());
    this.http =
        builder
            .baseUrl(stripe.baseUrl().toString())
            .requestFactory(requests)
            .defaultHeader("Authorization", "Bearer " + stripe.apiKey())
            .build();
    this.signature =
        new StripeWebhookSignature(stripe.webhookSecret(), properties.webhookTolerance(), clock);
    this.json = json;
  }

  @Override
  public String name() {
    return "stripe";
  }

  @Override
  public Intent createIntent(IntentRequest request) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("amount", Long.toString(request.amountMinor()));
    form.add("currency", request.currency().toLowerCase(Locale.ROOT));
    form.add("automatic_payment_methods[enabled]", "true");
    form.add("metadata[order_id]", request.orderId().toString());
    form.add("metadata[order_number]", request.orderNumber());
    try {
      JsonNode intent =
          http.post()
              .uri("/v1/payment_intents")
              .header("Idempotency-Key", request.idempotencyKey())
              .contentType(MediaType.APPLICATION_FORM_URLENCODED)
              .body(form)
              .retrieve()
              .body(JsonNode.class);
      if (intent == null
          || intent.path("id").asText("").isEmpty()
          || intent.path("client_secret").asText("").isEmpty()) {
        throw new PaymentProviderUnavailable(name(), null);
      }
      return new Intent(intent.get("id").asText(), intent.get("client_secret").asText());
    } catch (RestClientException e) {
      throw new PaymentProviderUnavailable(name(), e);
    }
  }

  /**
   * {@code POST /v1/refunds} with {@code payment_intent} and {@code amount}; our refund id goes in
   * {@code metadata[refund_id]} so a webhook that arrives before this call returns still finds its
   * refund. A declined refund is a 4xx error object ({@code type}/{@code code}/{@code message}): it
   * is recorded as failed with Stripe's message, not retried.
   */
  @Override
  public Refund refund(RefundRequest request) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("payment_intent", request.intentId());
    form.add("amount", Long.toString(request.amountMinor()));
    form.add("metadata[refund_id]", request.refundId().toString());
    if (request.reason() != null && !request.reason().isBlank()) {
      form.add("metadata[reason]", request.reason());
    }
    try {
      JsonNode refund =
          http.post()
              .uri("/v1/refunds")
              .header("Idempotency-Key", request.idempotencyKey())
              .contentType(MediaType.APPLICATION_FORM_URLENCODED)
              .body(form)
              .retrieve()
              .body(JsonNode.class);
      if (refund == null || refund.path("id").asText("").isEmpty()) {
        throw new PaymentProviderUnavailable(name(), null);
      }
      return new Refund(
          refund.get("id").asText(),
          refundStatus(refund.path("status").asText("pending")),
          refund.path("failure_reason").asText(null));
    } catch (HttpClientErrorException e) {
      if (e.getStatusCode().value() == 401 || e.getStatusCode().value() == 429) {
        throw new PaymentProviderUnavailable(name(), e);
      }
      JsonNode error = errorOf(e);
      String reason = error.path("code").asText(error.path("type").asText("declined"));
      String message = error.path("message").asText("");
      return new Refund(null, "failed", message.isEmpty() ? reason : reason + ": " + message);
    } catch (RestClientException e) {
      throw new PaymentProviderUnavailable(name(), e);
    }
  }

  /**
   * {@code POST /v1/payment_intents/{id}/cancel}. Stripe refuses to cancel a succeeded intent with
   * a 400 {@code payment_intent_unexpected_state} whose {@code payment_intent.status} says so.
   */
  @Override
  public boolean cancelIntent(String intentId) {
    try {
      http.post()
          .uri("/v1/payment_intents/{id}/cancel", intentId)
          .header("Idempotency-Key", "cancel-" + intentId)
          .contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .body(new LinkedMultiValueMap<String, String>())
          .retrieve()
          .toBodilessEntity();
      return true;
    } catch (HttpClientErrorException e) {
      JsonNode error = errorOf(e);
      String state = error.path("payment_intent").path("status").asText("");
      if (state.equals("succeeded") || state.equals("processing")) {
        return false;
      }
      if (state.equals("canceled")) {
        return true;
      }
      throw new PaymentProviderUnavailable(name(), e);
    } catch (RestClientException e) {
      throw new PaymentProviderUnavailable(name(), e);
    }
  }

  private JsonNode errorOf(HttpClientErrorException e) {
    try {
      return json.readTree(e.getResponseBodyAsByteArray()).path("error");
    } catch (java.io.IOException | RuntimeException unreadable) {
      return json.createObjectNode();
    }
  }

  /** Stripe's refund statuses; requires_action and canceled count as pending and failed. */
  static String refundStatus(String stripe) {
    return switch (stripe) {
      case "succeeded" -> "succeeded";
      case "failed", "canceled" -> "failed";
      default -> "pending";
    };
  }

  @Override
  public ProviderEvent verify(byte[] payload, String signatureHeader) {
    return signature.verify(payload, signatureHeader, json);
  }
}
