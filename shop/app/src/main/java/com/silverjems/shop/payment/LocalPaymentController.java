package com.silverjems.shop.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.shop.web.Problems;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local run's stand-in for the provider's payment page: "paying" makes the local provider send
 * the shop a signed {@code payment_intent.succeeded} webhook, through the same verification as
 * production. Exists only with {@code silverjems.payments.provider=local}.
 */
@RestController
@ConditionalOnProperty(name = "silverjems.payments.provider", havingValue = "local")
class LocalPaymentController {

  private final LocalPaymentProvider provider;
  private final PaymentWebhooks webhooks;
  private final Payments payments;
  private final ObjectMapper json;

  LocalPaymentController(
      LocalPaymentProvider provider,
      PaymentWebhooks webhooks,
      Payments payments,
      ObjectMapper json) {
    this.provider = provider;
    this.webhooks = webhooks;
    this.payments = payments;
    this.json = json;
  }

  @PostMapping("/api/payments/local/intents/{intentId}/pay")
  Map<String, Object> pay(@PathVariable String intentId) throws JsonProcessingException {
    Payments.Amount intent =
        payments
            .amountOf(intentId)
            .orElseThrow(
                () ->
                    new ErrorResponseException(
                        HttpStatus.NOT_FOUND,
                        Problems.of(
                            HttpStatus.NOT_FOUND,
                            "payment-intent-not-found",
                            "Payment intent not found",
                            "No local payment intent " + intentId),
                        null));
    Instant now = Instant.now();
    byte[] payload =
        json.writeValueAsBytes(
            Map.of(
                "id",
                "evt_local_" + UUID.randomUUID().toString().replace("-", ""),
                "object",
                "event",
                "type",
                ProviderEvent.SUCCEEDED,
                "created",
                now.getEpochSecond(),
                "data",
                Map.of(
                    "object",
                    Map.of(
                        "id",
                        intentId,
                        "object",
                        "payment_intent",
                        "amount",
                        intent.amountMinor(),
                        "currency",
                        intent.currency().toLowerCase(Locale.ROOT),
                        "status",
                        "succeeded"))));
    boolean fresh =
        webhooks.receive(
            payload, StripeWebhookSignature.header(provider.webhookSecret(), payload, now));
    return Map.of("paid", fresh);
  }
}
