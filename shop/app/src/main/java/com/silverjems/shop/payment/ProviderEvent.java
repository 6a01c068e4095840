package com.silverjems.shop.payment;

/**
 * A verified webhook event about a payment intent.
 *
 * @param id the provider's event id (replays carry the same id)
 * @param type e.g. {@code payment_intent.succeeded}
 */
record ProviderEvent(String id, String type, String intentId, long amountMinor, String currency) {

  static final String SUCCEEDED = "payment_intent.succeeded";
  static final String FAILED = "payment_intent.payment_failed";
}
