package com.silverjems.shop.payment;

import java.util.UUID;

/**
 * The port to a card payment provider: create a payment intent the browser completes with the
 * provider, and verify the provider's signed webhooks, which alone confirm a payment.
 */
interface PaymentProvider {

  /** The provider's name, as stored with payments and webhook events. */
  String name();

  /**
   * Creates (or, for the same idempotency key, finds again) the payment intent of an order.
   *
   * @throws PaymentProviderUnavailable when the provider cannot be reached or refuses
   */
  Intent createIntent(IntentRequest request);

  /**
   * Checks a webhook's signature and timestamp and reads the event.
   *
   * @throws WebhookSignatureInvalid when the signature is missing or wrong
   * @throws WebhookTimestampStale when the signed timestamp is outside the tolerance
   */
  ProviderEvent verify(byte[] payload, String signatureHeader);

  record IntentRequest(
      UUID orderId, String orderNumber, long amountMinor, String currency, String idempotencyKey) {}

  record Intent(String id, String clientSecret) {}
}
