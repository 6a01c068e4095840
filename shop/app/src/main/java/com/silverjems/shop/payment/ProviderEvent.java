package com.silverjems.shop.payment;

import java.util.List;

/**
 * A verified webhook event about a payment intent or its refunds.
 *
 * @param id the provider's event id (replays carry the same id)
 * @param type e.g. {@code payment_intent.succeeded}
 * @param refunds for {@code refund.updated} the refund, for {@code charge.refunded} the charge's
 *     refunds; empty for other events
 */
record ProviderEvent(
    String id,
    String type,
    String intentId,
    long amountMinor,
    String currency,
    List<RefundUpdate> refunds) {

  static final String SUCCEEDED = "payment_intent.succeeded";
  static final String FAILED = "payment_intent.payment_failed";
  static final String REFUND_UPDATED = "refund.updated";
  static final String CHARGE_REFUNDED = "charge.refunded";

  ProviderEvent(String id, String type, String intentId, long amountMinor, String currency) {
    this(id, type, intentId, amountMinor, currency, List.of());
  }

  /**
   * A refund as the provider reports it.
   *
   * @param refundId our refund id (the provider echoes it from {@code metadata[refund_id]}), or
   *     null for a refund made elsewhere (e.g. in the provider's dashboard)
   * @param status pending, succeeded or failed
   */
  record RefundUpdate(
      String providerRefundId, String refundId, String status, String failureReason) {}
}
