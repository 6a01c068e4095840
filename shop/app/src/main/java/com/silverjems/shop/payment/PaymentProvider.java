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

  /**
   * Asks the provider to refund part or all of a payment. The provider answers at once with the
   * refund's first status (usually pending; failed when declined); only its webhook confirms.
   *
   * @throws PaymentProviderUnavailable when the provider cannot be reached
   */
  Refund refund(RefundRequest request);

  /**
   * Cancels a payment intent that was never paid.
   *
   * @return false when the provider says the intent already succeeded (the money arrived)
   * @throws PaymentProviderUnavailable when the provider cannot be reached or refuses otherwise
   */
  boolean cancelIntent(String intentId);

  record RefundRequest(
      UUID refundId, String intentId, long amountMinor, String reason, String idempotencyKey) {}

  /**
   * The provider's answer about a refund.
   *
   * @param status pending, succeeded or failed
   * @param failureReason the provider's reason when failed (declined), else null
   */
  record Refund(String id, String status, String failureReason) {}

  record IntentRequest(
      UUID orderId, String orderNumber, long amountMinor, String currency, String idempotencyKey) {}

  record Intent(String id, String clientSecret) {}
}
