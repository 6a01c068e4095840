package com.silverjems.shop.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.shop.audit.AuditLog;
import com.silverjems.shop.order.OrderNotFound;
import com.silverjems.shop.order.OrderStatus;
import com.silverjems.shop.order.OrderView;
import com.silverjems.shop.order.Orders;
import com.silverjems.shop.stock.StockLedger;
import com.silverjems.shop.stock.StockLine;
import com.silverjems.shop.web.Problems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Refunds through the payment provider. A refund is recorded (pending, with its lines) and audited
 * before the provider is called, outside any transaction, with the refund's idempotency key: a
 * duplicate click finds the same row (and the provider the same refund). Only the provider's
 * webhook settles it; a success restocks its lines if the order had not shipped and moves the order
 * to refunded once everything paid went back.
 */
@Component
public class Refunds {

  private static final Logger log = LoggerFactory.getLogger(Refunds.class);
  private static final Set<OrderStatus> REFUNDABLE =
      EnumSet.of(OrderStatus.PAID, OrderStatus.PACKED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
  private static final Set<OrderStatus> NOT_SHIPPED =
      EnumSet.of(OrderStatus.PAID, OrderStatus.PACKED);
  private static final TypeReference<List<RefundLine>> LINES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final Orders orders;
  private final PaymentProvider provider;
  private final StockLedger stock;
  private final AuditLog audit;
  private final ObjectMapper json;
  private final TransactionTemplate transaction;

  Refunds(
      JdbcClient jdbc,
      Orders orders,
      PaymentProvider provider,
      StockLedger stock,
      AuditLog audit,
      ObjectMapper json,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.orders = orders;
    this.provider = provider;
    this.stock = stock;
    this.audit = audit;
    this.json = json;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Which quantity of an order line (by SKU) to refund. */
  public record LineRequest(String sku, int quantity) {}

  /** A refunded order line, as recorded with the refund. */
  public record RefundLine(String sku, long variantId, int quantity, long amountMinor) {}

  /** A refund as admins see it. */
  public record RefundView(
      UUID id,
      String providerRefundId,
      long amountMinor,
      String currency,
      boolean fullRefund,
      List<RefundLine> lines,
      String status,
      String failureReason,
      String reason,
      String requestedBy,
      Instant createdAt) {}

  /**
   * Refunds the whole remaining amount ({@code lines} empty) or the given lines of a paid order.
   *
   * @param idempotencyKey one per click of the refund button: the same key is the same refund
   * @throws ErrorResponseException 409 when the order is not paid (or not through the provider),
   *     422 when the lines or the amount do not fit what was paid and already refunded, 503 (the
   *     refund stays pending; the same key retries it) when the provider cannot be reached
   */
  public RefundView request(
      String orderNumber,
      List<LineRequest> lines,
      String reason,
      String idempotencyKey,
      String actor) {
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      throw problem(
          HttpStatus.BAD_REQUEST,
          "idempotency-key-required",
          "Idempotency key required",
          "Send an Idempotency-Key header (one per refund) of at most 200 characters");
    }
    String key = "refund-" + idempotencyKey;
    UUID refundId = transaction.execute(status -> record(orderNumber, lines, reason, key, actor));
    RefundView refund = find(refundId);
    if (!refund.status().equals("pending") || refund.providerRefundId() != null) {
      return refund; // A duplicate click of a refund the provider has already answered.
    }
    record Target(String intentId) {}
    Target target =
        jdbc.sql("SELECT intent_id FROM refund WHERE id = :id")
            .param("id", refundId)
            .query(Target.class)
            .single();
    PaymentProvider.Refund answer =
        provider.refund(
            new PaymentProvider.RefundRequest(
                refundId, target.intentId(), refund.amountMinor(), reason, key));
    transaction.executeWithoutResult(
        status ->
            update(
                refundId,
                answer.id(),
                // The API's answer may already say succeeded; only the webhook confirms that.
                answer.status().equals("failed") ? "failed" : "pending",
                answer.failureReason(),
                "payment-provider:" + provider.name()));
    return find(refundId);
  }

  /**
   * Refunds in full an order paid after it was cancelled (a late webhook): the money goes back and
   * the admin audit log says why.
   */
  void refundLatePayment(UUID orderId) {
    OrderView order = orders.find(orderId).orElseThrow();
    String key = "refund-late-payment-" + orderId;
    UUID refundId =
        transaction.execute(
            status -> {
              UUID existing = byKey(key);
              if (existing != null) {
                return existing;
              }
              Payment payment = payment(orderId, order.number());
              UUID id = UUID.randomUUID();
              insert(
                  id,
                  order,
                  payment,
                  key,
                  payment.amountMinor(),
                  true,
                  List.of(),
                  "late payment",
                  UnpaidLatePayment.ACTOR);
              audit.record(
                  UnpaidLatePayment.ACTOR,
                  "order.late-payment-refunded",
                  "order",
                  order.number(),
                  Map.of("status", order.status().code()),
                  Map.of(
                      "refundId",
                      id,
                      "amountMinor",
                      payment.amountMinor(),
                      "currency",
                      payment.currency(),
                      "reason",
                      "paid after the order was cancelled as unpaid"));
              return id;
            });
    RefundView refund = find(refundId);
    if (refund.providerRefundId() != null || !refund.status().equals("pending")) {
      return;
    }
    Payment payment = payment(orderId, order.number());
    PaymentProvider.Refund answer =
        provider.refund(
            new PaymentProvider.RefundRequest(
                refundId, payment.intentId(), refund.amountMinor(), "late payment", key));
    transaction.executeWithoutResult(
        status ->
            update(
                refundId,
                answer.id(),
                answer.status().equals("failed") ? "failed" : "pending",
                answer.failureReason(),
                "payment-provider:" + provider.name()));
  }

  /** The refunds of an order, oldest first. */
  public List<RefundView> forOrder(UUID orderId) {
    return jdbc.sql(SELECT + " WHERE order_id = :order ORDER BY created_at, id")
        .param("order", orderId)
        .query((rs, n) -> view(rs))
        .list();
  }

  /**
   * Applies the provider's word about a refund, in the webhook's transaction. A webhook may arrive
   * before the API call that made the refund returned: it finds the refund by our id, which the
   * provider echoes in the refund's metadata.
   */
  void apply(ProviderEvent.RefundUpdate update) {
    UUID id = null;
    if (update.refundId() != null) {
      try {
        id = UUID.fromString(update.refundId());
      } catch (IllegalArgumentException notOurs) {
        id = null;
      }
    }
    if (id == null && update.providerRefundId() != null) {
      id =
          jdbc.sql("SELECT id FROM refund WHERE provider = :provider AND provider_refund_id = :r")
              .param("provider", provider.name())
              .param("r", update.providerRefundId())
              .query(UUID.class)
              .optional()
              .orElse(null);
    }
    if (id == null || !exists(id)) {
      log.warn("Webhook about refund {} we did not make: ignored", update.providerRefundId());
      return;
    }
    update(
        id,
        update.providerRefundId(),
        update.status(),
        update.failureReason(),
        "payment-provider:" + provider.name());
  }

  private UUID record(
      String orderNumber, List<LineRequest> lines, String reason, String key, String actor) {
    UUID existing = byKey(key);
    if (existing != null) {
      return existing;
    }
    OrderView order =
        orders.findByNumber(orderNumber).orElseThrow(() -> new OrderNotFound(orderNumber));
    OrderStatus status =
        OrderStatus.fromCode(
            jdbc.sql("SELECT status FROM customer_order WHERE id = :id FOR UPDATE")
                .param("id", order.id())
                .query(String.class)
                .single());
    existing = byKey(key); // A concurrent duplicate click that won the lock.
    if (existing != null) {
      return existing;
    }
    if (!REFUNDABLE.contains(status)) {
      throw problem(
          HttpStatus.CONFLICT,
          "order-not-refundable",
          "Order not refundable",
          "Order " + orderNumber + " is " + status.code() + ": only a paid order can be refunded");
    }
    Payment payment = payment(order.id(), orderNumber);
    List<RefundView> before = forOrder(order.id());
    long refunded =
        before.stream()
            .filter(r -> !r.status().equals("failed"))
            .mapToLong(RefundView::amountMinor)
            .sum();
    long remaining = payment.amountMinor() - refunded;
    Map<String, Integer> alreadyRefunded = new HashMap<>();
    before.stream()
        .filter(r -> !r.status().equals("failed"))
        .flatMap(r -> r.lines().stream())
        .forEach(line -> alreadyRefunded.merge(line.sku(), line.quantity(), Integer::sum));
    boolean full = lines == null || lines.isEmpty();
    List<RefundLine> refundLines = new ArrayList<>();
    long amount;
    if (full) {
      for (OrderView.Line line : order.lines()) {
        int left = line.quantity() - alreadyRefunded.getOrDefault(line.sku(), 0);
        if (left > 0) {
          refundLines.add(
              new RefundLine(line.sku(), line.variantId(), left, left * line.unitPriceMinor()));
        }
      }
      amount = remaining;
    } else {
      Map<String, Integer> asked = new LinkedHashMap<>();
      for (LineRequest line : lines) {
        if (line.quantity() <= 0) {
          throw unprocessable("Refund quantities must be positive (" + line.sku() + ")");
        }
        asked.merge(line.sku(), line.quantity(), Integer::sum);
      }
      amount = 0;
      for (var entry : asked.entrySet()) {
        OrderView.Line line =
            order.lines().stream()
                .filter(l -> l.sku().equals(entry.getKey()))
                .findFirst()
                .orElseThrow(
                    () -> unprocessable("Order " + orderNumber + " has no line " + entry.getKey()));
        int left = line.quantity() - alreadyRefunded.getOrDefault(line.sku(), 0);
        if (entry.getValue() > left) {
          throw unprocessable(
              "Line "
                  + line.sku()
                  + ": "
                  + entry.getValue()
                  + " asked, "
                  + left
                  + " of "
                  + line.quantity()
                  + " not yet refunded");
        }
        long lineAmount = entry.getValue() * line.unitPriceMinor();
        refundLines.add(new RefundLine(line.sku(), line.variantId(), entry.getValue(), lineAmount));
        amount += lineAmount;
      }
    }
    if (amount <= 0 || amount > remaining) {
      throw unprocessable(
          "Refund of "
              + amount
              + " "
              + payment.currency()
              + " does not fit: "
              + payment.amountMinor()
              + " paid, "
              + refunded
              + " already refunded or pending");
    }
    UUID id = UUID.randomUUID();
    insert(id, order, payment, key, amount, full, refundLines, reason, actor);
    audit.record(
        actor,
        "order.refund-requested",
        "order",
        orderNumber,
        Map.of("status", status.code(), "refundedMinor", refunded),
        Map.of(
            "refundId", id,
            "amountMinor", amount,
            "currency", payment.currency(),
            "full", full,
            "lines", refundLines,
            "reason", reason == null ? "" : reason));
    return id;
  }

  private void insert(
      UUID id,
      OrderView order,
      Payment payment,
      String key,
      long amount,
      boolean full,
      List<RefundLine> lines,
      String reason,
      String actor) {
    jdbc.sql(
            """
            INSERT INTO refund (id, order_id, provider, intent_id, idempotency_key, amount_minor,
                currency, full_refund, lines, status, reason, requested_by)
            VALUES (:id, :order, :provider, :intent, :key, :amount, :currency, :full,
                CAST(:lines AS JSONB), 'pending', :reason, :actor)
            """)
        .param("id", id)
        .param("order", order.id())
        .param("provider", provider.name())
        .param("intent", payment.intentId())
        .param("key", key)
        .param("amount", amount)
        .param("currency", payment.currency())
        .param("full", full)
        .param("lines", toJson(lines))
        .param("reason", reason)
        .param("actor", actor)
        .update();
  }

  /**
   * Moves a pending refund to its new status (a settled one stays settled: events arrive in any
   * order) and, on success, restocks and perhaps completes the order's refund.
   */
  private void update(
      UUID id, String providerRefundId, String status, String failureReason, String actor) {
    record Row(UUID orderId, String status, String providerRefundId) {}
    Row row =
        jdbc.sql(
                "SELECT order_id, status, provider_refund_id FROM refund WHERE id = :id FOR UPDATE")
            .param("id", id)
            .query(Row.class)
            .single();
    if (row.providerRefundId() == null && providerRefundId != null) {
      jdbc.sql("UPDATE refund SET provider_refund_id = :r, updated_at = now() WHERE id = :id")
          .param("r", providerRefundId)
          .param("id", id)
          .update();
    }
    if (!row.status().equals("pending") || status.equals("pending")) {
      return;
    }
    jdbc.sql(
            """
            UPDATE refund SET status = :status, failure_reason = :reason, updated_at = now()
            WHERE id = :id
            """)
        .param("status", status)
        .param("reason", status.equals("failed") ? failureReason : null)
        .param("id", id)
        .update();
    OrderView order = orders.find(row.orderId()).orElseThrow();
    RefundView refund = find(id);
    if (status.equals("failed")) {
      audit.record(
          actor,
          "order.refund-declined",
          "order",
          order.number(),
          null,
          Map.of("refundId", id, "failureReason", failureReason == null ? "" : failureReason));
      return;
    }
    if (NOT_SHIPPED.contains(order.status()) && !refund.lines().isEmpty()) {
      stock.putBack(
          refund.lines().stream()
              .map(line -> new StockLine(line.variantId(), line.sku(), line.quantity()))
              .toList());
    }
    long succeeded =
        forOrder(order.id()).stream()
            .filter(r -> r.status().equals("succeeded"))
            .mapToLong(RefundView::amountMinor)
            .sum();
    Map<String, Integer> quantities = new LinkedHashMap<>();
    refund.lines().forEach(line -> quantities.merge(line.sku(), line.quantity(), Integer::sum));
    if (succeeded >= order.totalMinor()) {
      orders.markRefunded(order.id(), actor, "refunded in full (" + providerRefundId + ")");
    }
    orders.refunded(
        order.id(),
        quantities,
        refund.amountMinor(),
        refund.currency(),
        id,
        succeeded >= order.totalMinor());
    audit.record(
        actor,
        "order.refund-succeeded",
        "order",
        order.number(),
        null,
        Map.of(
            "refundId",
            id,
            "amountMinor",
            refund.amountMinor(),
            "restocked",
            NOT_SHIPPED.contains(order.status())));
  }

  record Payment(String intentId, long amountMinor, String currency) {}

  private Payment payment(UUID orderId, String orderNumber) {
    return jdbc.sql(
            """
            SELECT intent_id, amount_minor, currency FROM payment
            WHERE order_id = :order AND provider = :provider AND status = 'succeeded'
            """)
        .param("order", orderId)
        .param("provider", provider.name())
        .query(Payment.class)
        .optional()
        .orElseThrow(
            () ->
                problem(
                    HttpStatus.CONFLICT,
                    "order-not-paid-through-provider",
                    "Not paid through the payment provider",
                    "Order "
                        + orderNumber
                        + " has no succeeded "
                        + provider.name()
                        + " payment: refund it outside the shop"));
  }

  private UUID byKey(String key) {
    return jdbc.sql("SELECT id FROM refund WHERE idempotency_key = :key")
        .param("key", key)
        .query(UUID.class)
        .optional()
        .orElse(null);
  }

  private boolean exists(UUID id) {
    return jdbc.sql("SELECT count(*) FROM refund WHERE id = :id")
            .param("id", id)
            .query(Long.class)
            .single()
        > 0;
  }

  private static final String SELECT =
      """
      SELECT id, provider_refund_id, amount_minor, currency, full_refund, lines, status,
          failure_reason, reason, requested_by, created_at FROM refund""";

  RefundView find(UUID id) {
    return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query((rs, n) -> view(rs)).single();
  }

  private RefundView view(java.sql.ResultSet rs) throws java.sql.SQLException {
    try {
      return new RefundView(
          rs.getObject("id", UUID.class),
          rs.getString("provider_refund_id"),
          rs.getLong("amount_minor"),
          rs.getString("currency"),
          rs.getBoolean("full_refund"),
          json.readValue(rs.getString("lines"), LINES),
          rs.getString("status"),
          rs.getString("failure_reason"),
          rs.getString("reason"),
          rs.getString("requested_by"),
          rs.getTimestamp("created_at").toInstant());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ErrorResponseException unprocessable(String detail) {
    return problem(
        HttpStatus.UNPROCESSABLE_ENTITY, "refund-amount-invalid", "Refund does not fit", detail);
  }

  private static ErrorResponseException problem(
      HttpStatus status, String slug, String title, String detail) {
    return new ErrorResponseException(status, Problems.of(status, slug, title, detail), null);
  }

  /** Who refunds a payment that arrived after its order expired. */
  static final class UnpaidLatePayment {
    static final String ACTOR = "system:late-payment-refund";

    private UnpaidLatePayment() {}
  }
}
