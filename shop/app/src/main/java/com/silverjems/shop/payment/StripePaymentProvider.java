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

  @Override
  public ProviderEvent verify(byte[] payload, String signatureHeader) {
    return signature.verify(payload, signatureHeader, json);
  }
}
