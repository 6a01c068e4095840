package com.silverjems.shop.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The local run's provider: intents are made up locally (deterministically from the idempotency
 * key, as Stripe would return the same intent), and payment is confirmed only by a webhook signed
 * exactly like Stripe's, which {@link LocalPaymentController} sends when the developer "pays".
 */
final class LocalPaymentProvider implements PaymentProvider {

  private final StripeWebhookSignature signature;
  private final String secret;
  private final ObjectMapper json;
  private final Clock clock;
  private final ObjectProvider<PaymentWebhooks> webhooks;

  LocalPaymentProvider(
      PaymentProperties properties,
      ObjectMapper json,
      Clock clock,
      ObjectProvider<PaymentWebhooks> webhooks) {
    this.clock = clock;
    this.webhooks = webhooks;
    String configured = properties.local().webhookSecret();
    this.secret =
        configured == null || configured.isBlank()
            ? "whsec_local_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16))
            : configured;
    this.signature = new StripeWebhookSignature(secret, properties.webhookTolerance(), clock);
    this.json = json;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Intent createIntent(IntentRequest request) {
    String id = "pi_local_" + request.orderId().toString().replace("-", "");
    return new Intent(id, id + "_secret_local");
  }

  /**
   * Local refunds are accepted (pending) like Stripe's; {@link LocalPaymentController} settles them
   * with a signed {@code refund.updated} webhook, at once or when the developer says so.
   */
  @Override
  public Refund refund(RefundRequest request) {
    String id = "re_local_" + request.refundId().toString().replace("-", "");
    PaymentWebhooks receiver = webhooks == null ? null : webhooks.getIfAvailable();
    if (receiver != null) {
      // As Stripe may: the webhook arrives before the API call returns.
      Instant now = clock.instant();
      byte[] payload = refundUpdated(id, request, now);
      receiver.receive(payload, StripeWebhookSignature.header(secret, payload, now));
    }
    return new Refund(id, "pending", null);
  }

  private byte[] refundUpdated(String id, RefundRequest request, Instant now) {
    Map<String, Object> refund = new LinkedHashMap<>();
    refund.put("id", id);
    refund.put("object", "refund");
    refund.put("amount", request.amountMinor());
    refund.put("payment_intent", request.intentId());
    refund.put("status", "succeeded");
    refund.put("metadata", Map.of("refund_id", request.refundId().toString()));
    try {
      return json.writeValueAsBytes(
          Map.of(
              "id",
              "evt_local_" + UUID.randomUUID().toString().replace("-", ""),
              "object",
              "event",
              "type",
              ProviderEvent.REFUND_UPDATED,
              "created",
              now.getEpochSecond(),
              "data",
              Map.of("object", refund)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean cancelIntent(String intentId) {
    return true;
  }

  @Override
  public ProviderEvent verify(byte[] payload, String signatureHeader) {
    return signature.verify(payload, signatureHeader, json);
  }

  /** The secret the local "provider" signs its webhooks with. */
  String webhookSecret() {
    return secret;
  }
}
