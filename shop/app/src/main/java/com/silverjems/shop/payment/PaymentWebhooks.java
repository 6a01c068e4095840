package com.silverjems.shop.payment;

import com.silverjems.shop.order.OrderStatus;
import com.silverjems.shop.order.Orders;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies verified webhook events. Each event id is applied once (a replay, even freshly re-signed,
 * is acknowledged and changes nothing); a successful payment marks the order paid and writes
 * order-paid, all in one transaction.
 */
@Component
class PaymentWebhooks {

  private static final Logger log = LoggerFactory.getLogger(PaymentWebhooks.class);

  private final JdbcClient jdbc;
  private final Orders orders;
  private final PaymentProvider provider;
  private final WebhookMetrics metrics;
  private final TransactionTemplate transaction;
  private final Refunds refunds;
  private final Payments payments;

  PaymentWebhooks(
      JdbcClient jdbc,
      Orders orders,
      Refunds refunds,
      Payments payments,
      PaymentProvider provider,
      WebhookMetrics metrics,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.orders = orders;
    this.refunds = refunds;
    this.payments = payments;
    this.provider = provider;
    this.metrics = metrics;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Verifies and applies one webhook delivery.
   *
   * @return whether it was new (false: a duplicate delivery, acknowledged without effect)
   */
  boolean receive(byte[] payload, String signatureHeader) {
    ProviderEvent event;
    try {
      event = provider.verify(payload, signatureHeader);
    } catch (WebhookSignatureInvalid e) {
      metrics.count(WebhookMetrics.Outcome.BAD_SIGNATURE);
      throw e;
    } catch (WebhookTimestampStale e) {
      metrics.count(WebhookMetrics.Outcome.STALE);
      throw e;
    }
    // Verification above touched nothing: a rejected delivery changes nothing at all.
    UUID[] latePayment = new UUID[1];
    boolean applied = Boolean.TRUE.equals(transaction.execute(status -> apply(event, latePayment)));
    metrics.count(applied ? WebhookMetrics.Outcome.ACCEPTED : WebhookMetrics.Outcome.DUPLICATE);
    if (latePayment[0] != null) {
      // After the commit, holding no lock while the provider answers. Should the provider be
      // down now, the refund stays pending in the order's refunds and the audit log: a person
      // retries it (the same idempotency key makes that one refund).
      try {
        refunds.refundLatePayment(latePayment[0]);
      } catch (PaymentProviderUnavailable e) {
        log.error(
            "Refund of the late payment of order {} failed: retry by hand", latePayment[0], e);
      }
    }
    return applied;
  }

  private boolean apply(ProviderEvent event, UUID[] latePayment) {
    int fresh =
        jdbc.sql(
                """
                INSERT INTO payment_webhook_event (provider, event_id, event_type)
                VALUES (:provider, :id, :type) ON CONFLICT DO NOTHING
                """)
            .param("provider", provider.name())
            .param("id", event.id())
            .param("type", event.type())
            .update();
    if (fresh == 0) {
      return false;
    }
    if (event.type().equals(ProviderEvent.REFUND_UPDATED)
        || event.type().equals(ProviderEvent.CHARGE_REFUNDED)) {
      event.refunds().forEach(refunds::apply);
      return true;
    }
    if (!event.type().equals(ProviderEvent.SUCCEEDED)
        && !event.type().equals(ProviderEvent.FAILED)) {
      return true; // Other event types are acknowledged so the provider stops resending them.
    }
    record Payment(UUID orderId, long amountMinor, String currency, String status) {}
    Payment payment =
        jdbc.sql(
                """
                SELECT order_id, amount_minor, currency, status FROM payment
                WHERE provider = :provider AND intent_id = :intent FOR UPDATE
                """)
            .param("provider", provider.name())
            .param("intent", event.intentId())
            .query(Payment.class)
            .optional()
            .orElse(null);
    if (payment == null) {
      log.warn("Webhook {} is about unknown payment intent {}", event.id(), event.intentId());
      return true;
    }
    if (event.type().equals(ProviderEvent.FAILED)) {
      // The order stays placed: the shopper may try another card on the same intent. Events
      // arrive in any order: a failed attempt delivered after the success must not undo it.
      if (payment.status().equals("succeeded")) {
        log.info(
            "Webhook {} reports a failed attempt on paid intent {}", event.id(), event.intentId());
      } else {
        payments.intentStatus(event.intentId(), "failed");
      }
      return true;
    }
    if (payment.amountMinor() != event.amountMinor()
        || !payment.currency().equals(event.currency())) {
      log.error(
          "Webhook {} reports {} {} paid for intent {} of {} {}: not marking the order paid",
          event.id(),
          event.amountMinor(),
          event.currency(),
          event.intentId(),
          payment.amountMinor(),
          payment.currency());
      return true;
    }
    payments.intentStatus(event.intentId(), "succeeded");
    if (!orders.markPaid(
        payment.orderId(), event.intentId(), "payment-provider:" + provider.name())) {
      // Paid after the order was cancelled (unpaid too long): the money goes straight back.
      log.warn(
          "Order {} was paid by intent {} but is no longer awaiting payment: refunding it",
          payment.orderId(),
          event.intentId());
      if (orders.find(payment.orderId()).orElseThrow().status() == OrderStatus.CANCELLED) {
        latePayment[0] = payment.orderId();
      }
    }
    return true;
  }
}
