package com.silverjems.shop.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The order tables ({@code customer_order}, {@code order_line}, {@code order_status_history}):
 * their SQL and the mapping to {@link OrderView}, and their one writer. It decides nothing; {@link
 * Orders} is the state machine that calls it.
 */
@Component
class OrderRepository {

  private static final String ORDER_COLUMNS =
      """
      o.id, o.number, o.status, o.customer_email, o.customer_name, o.ship_name, o.ship_line1,
      o.ship_line2, o.ship_city, o.ship_postcode, o.ship_country, o.total_minor, o.currency,
      o.placed_at, o.carrier, o.tracking_number, o.tracking_url
      """;

  // Guest orders count as the shopper's only through the email identity has verified.
  private static final String SHOPPER_MATCH =
      "(o.account_id = :account OR lower(o.customer_email) = lower(CAST(:email AS TEXT)))";

  private final JdbcClient jdbc;

  OrderRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The next order number, SJ-<year>-<sequence>. */
  String nextNumber(Instant now) {
    long sequence = jdbc.sql("SELECT nextval('order_number_seq')").query(Long.class).single();
    return String.format("SJ-%d-%06d", now.atZone(ZoneOffset.UTC).getYear(), sequence);
  }

  /** Writes a placed order and its lines (numbered from 1 in the order given). */
  void insert(UUID id, String number, NewOrder order, Instant now) {
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
        .param("now", Timestamp.from(now))
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
  }

  void setStatus(UUID id, OrderStatus status) {
    jdbc.sql("UPDATE customer_order SET status = :status, updated_at = now() WHERE id = :id")
        .param("status", status.code())
        .param("id", id)
        .update();
  }

  void setShipment(UUID id, OrderView.Shipment shipment) {
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

  void recordChange(UUID id, OrderStatus from, OrderStatus to, String actor, String reason) {
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

  Optional<UUID> idOf(String number) {
    return jdbc.sql("SELECT id FROM customer_order WHERE number = :number")
        .param("number", number)
        .query(UUID.class)
        .optional();
  }

  Optional<OrderStatus> lockStatus(UUID id) {
    return jdbc.sql("SELECT status FROM customer_order WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(String.class)
        .optional()
        .map(OrderStatus::fromCode);
  }

  /** The order, its row locked until the transaction ends. */
  Optional<OrderView> lock(UUID id) {
    return one("o.id = :key FOR UPDATE", id);
  }

  Optional<OrderView> find(UUID id) {
    return one("o.id = :key", id);
  }

  Optional<OrderView> findByNumber(String number) {
    return one("o.number = :key", number);
  }

  Optional<OrderView> findForShopper(String number, UUID accountId, String email) {
    return jdbc.sql(
            "SELECT "
                + ORDER_COLUMNS
                + " FROM customer_order o WHERE o.number = :number AND "
                + SHOPPER_MATCH)
        .param("number", number)
        .param("account", accountId)
        .param("email", email)
        .query((row, n) -> order(row))
        .optional()
        .map(this::withLines);
  }

  List<OrderView> forShopper(UUID accountId, String email, int page, int size) {
    return jdbc
        .sql(
            "SELECT "
                + ORDER_COLUMNS
                + " FROM customer_order o WHERE "
                + SHOPPER_MATCH
                + " ORDER BY o.placed_at DESC, o.number DESC LIMIT :limit OFFSET :offset")
        .param("account", accountId)
        .param("email", email)
        .param("limit", size)
        .param("offset", (long) page * size)
        .query((row, n) -> order(row))
        .list()
        .stream()
        .map(this::withLines)
        .toList();
  }

  List<OrderView> list(OrderStatus status, int page, int size) {
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

  List<StatusChange> history(UUID orderId) {
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

  private Optional<OrderView> one(String condition, Object key) {
    return jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM customer_order o WHERE " + condition)
        .param("key", key)
        .query((row, n) -> order(row))
        .optional()
        .map(this::withLines);
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
}
