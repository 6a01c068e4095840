package com.silverjems.shop.order;

import com.silverjems.shop.outbox.OutboxWriter;
import com.silverjems.shop.shopper.Shopper;
import com.silverjems.shop.stock.StockLedger;
import com.silverjems.shop.stock.StockLine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Orders and their state machine. Every status change is one transaction that locks the order,
 * checks the move against {@link OrderStatus#next()}, appends to the history and, where the
 * integration hub must act, writes the outbox event.
 */
@Component
public class Orders {

  private static final String ORDER_COLUMNS =
      """
      o.id, o.number, o.status, o.customer_email, o.customer_name, o.ship_name, o.ship_line1,
      o.ship_line2, o.ship_city, o.ship_postcode, o.ship_country, o.total_minor, o.currency,
      o.placed_at, o.carrier, o.tracking_number, o.tracking_url
      """;

  private final JdbcClient jdbc;
  private final OutboxWriter outbox;
  private final StockLedger stock;
  private final Clock clock;

  Orders(JdbcClient jdbc, OutboxWriter outbox, StockLedger stock) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.stock = stock;
    this.clock = Clock.systemUTC();
  }

  /**
   * Places an order in the caller's transaction (the one that took the stock) and writes its
   * order-placed event in the same transaction.
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public OrderView place(NewOrder order, String actor) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    long sequence = jdbc.sql("SELECT nextval('order_number_seq')").query(Long.class).single();
    String number = String.format("SJ-%d-%06d", now.atZone(ZoneOffset.UTC).getYear(), sequence);
    ShippingAddress address = order.shippingAddress();
    jdbc.sql(
            """
            INSERT INTO customer_order (id, number, status, customer_email, customer_name,
                account_id, cart_id, ship_name, ship_line1, ship_line2, ship_city, ship_postcode,
                ship_country, total_minor, currency, placed_at, updated_at)
            VALUES (:id, :number, 'placed', :email, :name, :account, :cart, :shipName, :line1,
                :line2, :city, :postcode, :country, :total, :currency, :now, :now)
            """)
        .param("id", id)
        .param("number", number)
        .param("email", order.email())
        .param("name", order.name())
        .param("account", order.accountId())
        .param("cart", order.cartId())
        .param("shipName", address.name())
        .param("line1", address.line1())
        .param("line2", address.line2())
        .param("city", address.city())
        .param("postcode", address.postcode())
        .param("country", address.country())
        .param("total", order.totalMinor())
        .param("currency", order.currency())
        .param("now", java.sql.Timestamp.from(now))
        .update();
    int lineNo = 0;
    for (NewOrder.Line line : order.lines()) {
      jdbc.sql(
              """
              INSERT INTO order_line (order_id, line_no, variant_id, sku, product_name, size,
                  quantity, unit_price_minor)
              VALUES (:order, :no, :variant, :sku, :product, :size, :quantity, :price)
              """)
          .param("order", id)
          .param("no", ++lineNo)
          .param("variant", line.variantId())
          .param("sku", line.sku())
          .param("product", line.productName())
          .param("size", line.size())
          .param("quantity", line.quantity())
          .param("price", line.unitPriceMinor())
          .update();
    }
    recordChange(id, null, OrderStatus.PLACED, actor, null);
    OrderView placed = find(id).orElseThrow();
    outbox.append(
        OrderEvents.AGGREGATE,
        id.toString(),
        "order-placed",
        OrderEvents.VERSION,
        OrderEvents.placed(placed, now));
    return placed;
  }

  /**
   * The payment provider confirmed payment: placed -> paid, and the order-paid event that makes the
   * hub send the confirmation email.
   *
   * @return false when the order was no longer awaiting payment (nothing changed)
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public boolean markPaid(UUID orderId, String paymentReference, String actor) {
    OrderStatus current = lockStatus(orderId).orElseThrow(() -> new OrderNotFound("" + orderId));
    if (current != OrderStatus.PLACED) {
      return false;
    }
    setStatus(orderId, OrderStatus.PAID);
    recordChange(orderId, current, OrderStatus.PAID, actor, "payment " + paymentReference);
    OrderView order = find(orderId).orElseThrow();
    outbox.append(
        OrderEvents.AGGREGATE,
        orderId.toString(),
        "order-paid",
        OrderEvents.VERSION,
        OrderEvents.paid(order, paymentReference, clock.instant()));
    return true;
  }

  /**
   * Moves an order along its state machine on an admin's (or a job's) behalf.
   *
   * @throws IllegalOrderTransition when {@code target} is not reachable from where the order is
   * @throws RefundThroughProvider when {@code target} is refunded (see Refunds)
   * @throws ShipmentDetailsRequired when shipping without carrier and tracking number
   * @throws ManualPaymentReasonRequired when marking paid by hand without saying how it was paid
   */
  @Transactional
  public Transition transition(
      String number, OrderStatus target, String reason, OrderView.Shipment shipment, String actor) {
    UUID id = idOf(number);
    OrderStatus current = lockStatus(id).orElseThrow(() -> new OrderNotFound(number));
    if (target == OrderStatus.REFUNDED) {
      // No money would move: only the provider's confirmed refund makes an order refunded.
      throw new RefundThroughProvider(number, current);
    }
    if (!current.canMoveTo(target)) {
      throw new IllegalOrderTransition(number, current, target);
    }
    OrderView before = find(id).orElseThrow();
    if (target == OrderStatus.PAID) {
      // A manual payment: the same order-paid event (and customer email) as the provider's,
      // with the admin's reason as the payment reference.
      if (blank(reason)) {
        throw new ManualPaymentReasonRequired(number);
      }
      markPaid(id, "manual: " + reason.strip(), actor);
      return new Transition(before, find(id).orElseThrow());
    }
    if (target == OrderStatus.SHIPPED) {
      if (shipment == null || blank(shipment.carrier()) || blank(shipment.trackingNumber())) {
        throw new ShipmentDetailsRequired(number);
      }
      jdbc.sql(
              """
              UPDATE customer_order SET carrier = :carrier, tracking_number = :tracking,
                  tracking_url = :url WHERE id = :id
              """)
          .param("carrier", shipment.carrier())
          .param("tracking", shipment.trackingNumber())
          .param("url", shipment.trackingUrl())
          .param("id", id)
          .update();
    }
    setStatus(id, target);
    if (current.restocksWhenLeftFor(target)) {
      stock.putBack(
          before.lines().stream()
              .map(line -> new StockLine(line.variantId(), line.sku(), line.quantity()))
              .toList());
    }
    recordChange(id, current, target, actor, reason);
    OrderView after = find(id).orElseThrow();
    if (target == OrderStatus.SHIPPED) {
      outbox.append(
          OrderEvents.AGGREGATE,
          id.toString(),
          "order-shipped",
          OrderEvents.VERSION,
          OrderEvents.shipped(after, clock.instant()));
    }
    if (target == OrderStatus.CANCELLED) {
      outbox.append(
          OrderEvents.AGGREGATE,
          id.toString(),
          "order-cancelled",
          OrderEvents.VERSION,
          OrderEvents.cancelled(
              after, reason, UnpaidOrderExpiry.ACTOR.equals(actor), clock.instant()));
    }
    return new Transition(before, after);
  }

  /**
   * Moves a paid order to refunded once the provider confirmed its money went back, without
   * restocking: the refund puts back exactly the lines it refunded (see Refunds), which partial
   * refunds before it may already have put back. In the caller's transaction.
   *
   * @return false when the order is not (or no longer) refundable
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean markRefunded(UUID orderId, String actor, String reason) {
    OrderStatus current = lockStatus(orderId).orElseThrow();
    if (!current.canMoveTo(OrderStatus.REFUNDED)) {
      return false;
    }
    setStatus(orderId, OrderStatus.REFUNDED);
    recordChange(orderId, current, OrderStatus.REFUNDED, actor, reason);
    return true;
  }

  /**
   * Writes order-refunded (the customer's refund email) in the caller's transaction, once the
   * provider confirmed the refund.
   *
   * @param quantities refunded quantity by SKU
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void refunded(
      UUID orderId,
      Map<String, Integer> quantities,
      long amountMinor,
      String currency,
      UUID refundId,
      boolean full) {
    OrderView order = find(orderId).orElseThrow();
    outbox.append(
        OrderEvents.AGGREGATE,
        orderId.toString(),
        "order-refunded",
        OrderEvents.VERSION,
        OrderEvents.refunded(
            order, quantities, amountMinor, currency, refundId.toString(), full, clock.instant()));
  }

  /** An order before and after a transition (for the audit log). */
  public record Transition(OrderView before, OrderView after) {}

  public Optional<OrderView> find(UUID id) {
    return jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM customer_order o WHERE o.id = :id")
        .param("id", id)
        .query((row, n) -> order(row))
        .optional()
        .map(this::withLines);
  }

  public Optional<OrderView> findByNumber(String number) {
    return jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM customer_order o WHERE o.number = :number")
        .param("number", number)
        .query((row, n) -> order(row))
        .optional()
        .map(this::withLines);
  }

  /** The order only if it belongs to this shopper (by account, or by their verified email). */
  public Optional<OrderView> findForShopper(String number, Shopper shopper) {
    return jdbc.sql(
            "SELECT "
                + ORDER_COLUMNS
                + " FROM customer_order o WHERE o.number = :number AND "
                + SHOPPER_MATCH)
        .param("number", number)
        .param("account", shopper.accountId())
        .param("email", shopper.email())
        .query((row, n) -> order(row))
        .optional()
        .map(this::withLines);
  }

  /** A shopper's orders, newest first: by account, and guest orders placed with their email. */
  public List<OrderView> forShopper(Shopper shopper, int page, int size) {
    return jdbc
        .sql(
            "SELECT "
                + ORDER_COLUMNS
                + " FROM customer_order o WHERE "
                + SHOPPER_MATCH
                + " ORDER BY o.placed_at DESC, o.number DESC LIMIT :limit OFFSET :offset")
        .param("account", shopper.accountId())
        .param("email", shopper.email())
        .param("limit", size)
        .param("offset", (long) page * size)
        .query((row, n) -> order(row))
        .list()
        .stream()
        .map(this::withLines)
        .toList();
  }

  /** The admin's queue: orders in a status (or all), oldest first so nothing waits forever. */
  public List<OrderView> list(OrderStatus status, int page, int size) {
    return jdbc
        .sql(
            "SELECT "
                + ORDER_COLUMNS
                + " FROM customer_order o WHERE (CAST(:status AS TEXT) IS NULL OR o.status = :status)"
                + " ORDER BY o.placed_at, o.number LIMIT :limit OFFSET :offset")
        .param("status", status == null ? null : status.code())
        .param("limit", size)
        .param("offset", (long) page * size)
        .query((row, n) -> order(row))
        .list()
        .stream()
        .map(this::withLines)
        .toList();
  }

  public List<StatusChange> history(UUID orderId) {
    return jdbc.sql(
            """
            SELECT from_status, to_status, actor, reason, occurred_at
            FROM order_status_history WHERE order_id = :id ORDER BY id
            """)
        .param("id", orderId)
        .query(
            (row, n) ->
                new StatusChange(
                    row.getString("from_status") == null
                        ? null
                        : OrderStatus.fromCode(row.getString("from_status")),
                    OrderStatus.fromCode(row.getString("to_status")),
                    row.getString("actor"),
                    row.getString("reason"),
                    row.getTimestamp("occurred_at").toInstant()))
        .list();
  }

  // Guest orders count as the shopper's only through the email identity has verified.
  private static final String SHOPPER_MATCH =
      "(o.account_id = :account OR lower(o.customer_email) = lower(CAST(:email AS TEXT)))";

  private UUID idOf(String number) {
    return jdbc.sql("SELECT id FROM customer_order WHERE number = :number")
        .param("number", number)
        .query(UUID.class)
        .optional()
        .orElseThrow(() -> new OrderNotFound(number));
  }

  private Optional<OrderStatus> lockStatus(UUID id) {
    return jdbc.sql("SELECT status FROM customer_order WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(String.class)
        .optional()
        .map(OrderStatus::fromCode);
  }

  private void setStatus(UUID id, OrderStatus status) {
    jdbc.sql("UPDATE customer_order SET status = :status, updated_at = now() WHERE id = :id")
        .param("status", status.code())
        .param("id", id)
        .update();
  }

  private void recordChange(
      UUID id, OrderStatus from, OrderStatus to, String actor, String reason) {
    jdbc.sql(
            """
            INSERT INTO order_status_history (order_id, from_status, to_status, actor, reason)
            VALUES (:id, :from, :to, :actor, :reason)
            """)
        .param("id", id)
        .param("from", from == null ? null : from.code())
        .param("to", to.code())
        .param("actor", actor)
        .param("reason", reason)
        .update();
  }

  private OrderView withLines(OrderView order) {
    List<OrderView.Line> lines =
        jdbc.sql(
                """
                SELECT sku, product_name, size, quantity, unit_price_minor, variant_id
                FROM order_line WHERE order_id = :id ORDER BY line_no
                """)
            .param("id", order.id())
            .query(OrderView.Line.class)
            .list();
    return new OrderView(
        order.id(),
        order.number(),
        order.status(),
        order.email(),
        order.name(),
        order.shippingAddress(),
        lines,
        order.totalMinor(),
        order.currency(),
        order.placedAt(),
        order.shipment());
  }

  private static OrderView order(ResultSet row) throws SQLException {
    String carrier = row.getString("carrier");
    return new OrderView(
        row.getObject("id", UUID.class),
        row.getString("number"),
        OrderStatus.fromCode(row.getString("status")),
        row.getString("customer_email"),
        row.getString("customer_name"),
        new ShippingAddress(
            row.getString("ship_name"),
            row.getString("ship_line1"),
            row.getString("ship_line2"),
            row.getString("ship_city"),
            row.getString("ship_postcode"),
            row.getString("ship_country")),
        List.of(),
        row.getLong("total_minor"),
        row.getString("currency"),
        row.getTimestamp("placed_at").toInstant(),
        carrier == null
            ? null
            : new OrderView.Shipment(
                carrier, row.getString("tracking_number"), row.getString("tracking_url")));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
