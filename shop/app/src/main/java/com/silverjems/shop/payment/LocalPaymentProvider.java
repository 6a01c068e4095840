package com.silverjems.shop.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * The local run's provider: intents are made up locally (deterministically from the idempotency
 * key, as Stripe would return the same intent), and payment is confirmed only by a webhook signed
 * exactly like Stripe's, which {@link LocalPaymentController} sends when the developer "pays".
 */
final class LocalPaymentProvider implements PaymentProvider {

  private final StripeWebhookSignature signature;
  private final String secret;
  private final ObjectMapper json;

  LocalPaymentProvider(PaymentProperties properties, ObjectMapper json, Clock clock) {
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

  @Override
  public ProviderEvent verify(byte[] payload, String signatureHeader) {
    return signature.verify(payload, signatureHeader, json);
  }

  /** The secret the local "provider" signs its webhooks with. */
  String webhookSecret() {
    return secret;
  }
}
