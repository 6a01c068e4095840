package com.silverjems.shop.payment;

import com.silverjems.shop.order.OrderView;
import com.silverjems.shop.order.PaymentIntentCancellation;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Payment intents of orders. */
@Component
public class Payments implements PaymentIntentCancellation {

  private final JdbcClient jdbc;
  private final PaymentProvider provider;

  Payments(JdbcClient jdbc, PaymentProvider provider) {
    this.jdbc = jdbc;
    this.provider = provider;
  }

  /**
   * The order's payment intent, created with the provider on first call. Runs outside any
   * transaction: no database lock is held while the provider answers. The provider's idempotency
   * key is derived from the order, so concurrent or repeated calls end with one intent.
   *
   * @throws PaymentProviderUnavailable when the provider cannot create it now
   */
  public PaymentView ensureIntent(OrderView order) {
    var existing = find(order);
    if (existing != null) {
      return existing;
    }
    PaymentProvider.Intent intent =
        provider.createIntent(
            new PaymentProvider.IntentRequest(
                order.id(),
                order.number(),
                order.totalMinor(),
                order.currency(),
                "order-" + order.id()));
    // The row as written, in the same round trip; read back only when a concurrent call wrote it
    // first (ON CONFLICT returns nothing then).
    return jdbc.sql(
            """
            INSERT INTO payment (order_id, provider, intent_id, client_secret, amount_minor,
                currency, status)
            VALUES (:order, :provider, :intent, :secret, :amount, :currency, 'pending')
            ON CONFLICT (order_id) DO NOTHING
            RETURNING provider, intent_id, client_secret, status
            """)
        .param("order", order.id())
        .param("provider", provider.name())
        .param("intent", intent.id())
        .param("secret", intent.clientSecret())
        .param("amount", order.totalMinor())
        .param("currency", order.currency())
        .query(PaymentView.class)
        .optional()
        .orElseGet(() -> find(order));
  }

  /**
   * Cancels the order's payment intent with the provider before the order expires unpaid. Runs
   * outside any transaction.
   *
   * @return false when the provider says the intent already succeeded (or is processing): the money
   *     is arriving, the order must not be cancelled
   * @throws PaymentProviderUnavailable when the provider cannot answer now (try again later)
   */
  @Override
  public boolean cancelIntent(UUID orderId) {
    String intentId =
        jdbc.sql("SELECT intent_id FROM payment WHERE order_id = :order AND provider = :provider")
            .param("order", orderId)
            .param("provider", provider.name())
            .query(String.class)
            .optional()
            .orElse(null);
    if (intentId == null) {
      return true; // The shopper never reached the payment page: nothing to cancel.
    }
    boolean cancelled = provider.cancelIntent(intentId);
    jdbc.sql(
            """
            UPDATE payment SET status = 'canceled', updated_at = now()
            WHERE order_id = :order AND status <> 'succeeded' AND :cancelled
            """)
        .param("order", orderId)
        .param("cancelled", cancelled)
        .update();
    return cancelled;
  }

  /** Records what the provider says of an intent (from a verified webhook). */
  void intentStatus(String intentId, String status) {
    jdbc.sql(
            """
            UPDATE payment SET status = :status, updated_at = now()
            WHERE provider = :provider AND intent_id = :intent
            """)
        .param("status", status)
        .param("provider", provider.name())
        .param("intent", intentId)
        .update();
  }

  /** What an intent asks for. */
  record Amount(long amountMinor, String currency) {}

  Optional<Amount> amountOf(String intentId) {
    return jdbc.sql("SELECT amount_minor, currency FROM payment WHERE intent_id = :id")
        .param("id", intentId)
        .query(Amount.class)
        .optional();
  }

  private PaymentView find(OrderView order) {
    return jdbc.sql(
            """
            SELECT provider, intent_id, client_secret, status FROM payment WHERE order_id = :order
            """)
        .param("order", order.id())
        .query(PaymentView.class)
        .optional()
        .orElse(null);
  }
}
