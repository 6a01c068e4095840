package com.silverjems.shop.stock;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Stock per variant and the holds carts place on it. Every change locks the variant rows it touches
 * ({@code SELECT ... FOR UPDATE}, always in variant id order so that two checkouts never deadlock),
 * so "available" is computed and acted upon atomically: a one-of-a-kind piece is sold once,
 * whatever the concurrency. The table's {@code CHECK (stock >= 0)} is the last line of defence.
 *
 * <p>Available stock = stock minus the unexpired holds of <em>other</em> carts. An expired hold
 * simply stops counting, so nothing has to sweep holds for stock to be right. At checkout a cart
 * whose own hold still covers a line may take from the whole stock: a hold is a promise, so when
 * the admin lowers stock below what carts hold, holders are served first come, first served.
 *
 * <p>Refusals ({@link OutOfStock}) are thrown before anything is written and do not doom the
 * caller's transaction: checkout commits the refusal under its idempotency key.
 *
 * <p>The ledger is the one writer of {@code product_variant} (TableOwnersTest): the admin's new
 * variants, prices and stock counts go through it too, so no other SQL can move stock past the
 * locks above.
 */
@Component
public class StockLedger {

  private final JdbcClient jdbc;

  StockLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Holds {@code line.quantity()} of a variant for {@code cartId} until {@code ttl} from now but
   * never past {@code notAfter}, replacing the cart's earlier hold on it. With {@code notAfter}
   * already past, the availability check still runs but the hold written counts for nothing.
   *
   * <p>A hold that leaves nothing available for anyone else (the last piece) lasts only {@code
   * lastPieceTtl}, and once a cart's hold on a variant was such a hold its deadline never moves
   * later: the last piece stays held while its holder goes on to check out (checkout takes the
   * stock for the order), not while a script keeps renewing it.
   *
   * @throws OutOfStock when other carts' holds and sales leave less than that
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public void hold(
      UUID cartId, StockLine line, Duration ttl, Duration lastPieceTtl, Instant notAfter) {
    int available = lockAndCountAvailable(line.variantId(), cartId);
    if (available < line.quantity()) {
      throw new OutOfStock(line.sku(), Math.max(available, 0), line.quantity());
    }
    boolean lastPiece = available == line.quantity();
    Duration lasts = lastPiece && lastPieceTtl.compareTo(ttl) < 0 ? lastPieceTtl : ttl;
    jdbc.sql(
            """
            INSERT INTO stock_reservation (variant_id, cart_id, quantity, expires_at, last_piece)
            VALUES (:variant, :cart, :quantity,
                    least(now() + CAST(:ttl AS INTERVAL), CAST(:notAfter AS TIMESTAMPTZ)),
                    :lastPiece)
            ON CONFLICT (variant_id, cart_id)
            DO UPDATE SET quantity = EXCLUDED.quantity,
              expires_at = CASE WHEN stock_reservation.last_piece
                                THEN least(stock_reservation.expires_at, EXCLUDED.expires_at)
                                ELSE EXCLUDED.expires_at END,
              last_piece = stock_reservation.last_piece OR EXCLUDED.last_piece
            """)
        .param("variant", line.variantId())
        .param("cart", cartId)
        .param("quantity", line.quantity())
        .param("ttl", lasts.toMillis() + " milliseconds")
        .param("notAfter", Timestamp.from(notAfter))
        .param("lastPiece", lastPiece)
        .update();
  }

  /**
   * Drops the cart's hold on a variant (item removed from the cart). A last-piece hold is ended but
   * kept, so that adding the item again does not start a new one.
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public void release(UUID cartId, long variantId) {
    jdbc.sql(
            "DELETE FROM stock_reservation"
                + " WHERE cart_id = :cart AND variant_id = :variant AND NOT last_piece")
        .param("cart", cartId)
        .param("variant", variantId)
        .update();
    jdbc.sql(
            "UPDATE stock_reservation SET expires_at = least(expires_at, now())"
                + " WHERE cart_id = :cart AND variant_id = :variant AND last_piece")
        .param("cart", cartId)
        .param("variant", variantId)
        .update();
  }

  /** Drops every hold of a cart (last-piece holds ended but kept, as in {@link #release}). */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public void releaseAll(UUID cartId) {
    jdbc.sql("DELETE FROM stock_reservation WHERE cart_id = :cart AND NOT last_piece")
        .param("cart", cartId)
        .update();
    jdbc.sql(
            "UPDATE stock_reservation SET expires_at = least(expires_at, now())"
                + " WHERE cart_id = :cart AND last_piece")
        .param("cart", cartId)
        .update();
  }

  /**
   * Takes the stock of a whole checkout, all or nothing: every line is checked under lock before
   * any is decremented, then the cart's holds are dropped.
   *
   * @throws OutOfStock for the first line (in variant order) that cannot be served
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public void take(UUID cartId, List<StockLine> lines) {
    List<StockLine> ordered =
        lines.stream().sorted(Comparator.comparingLong(StockLine::variantId)).toList();
    for (StockLine line : ordered) {
      // The hold is read before the lock, but holds of a cart only change under its cart lock,
      // which the checkout holds.
      int available =
          ownHold(cartId, line.variantId()) >= line.quantity()
              ? lockStock(line.variantId())
              : lockAndCountAvailable(line.variantId(), cartId);
      if (available < line.quantity()) {
        throw new OutOfStock(line.sku(), Math.max(available, 0), line.quantity());
      }
    }
    for (StockLine line : ordered) {
      jdbc.sql(
              "UPDATE product_variant SET stock = stock - :quantity, version = version + 1"
                  + " WHERE id = :variant")
          .param("quantity", line.quantity())
          .param("variant", line.variantId())
          .update();
    }
    // Sold: the holds, last-piece ones included, have done their job.
    jdbc.sql("DELETE FROM stock_reservation WHERE cart_id = :cart").param("cart", cartId).update();
  }

  /** Returns stock of a cancelled order to the shelf. */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public void putBack(List<StockLine> lines) {
    lines.stream()
        .sorted(Comparator.comparingLong(StockLine::variantId))
        .forEach(
            line ->
                jdbc.sql(
                        "UPDATE product_variant SET stock = stock + :quantity, version = version + 1"
                            + " WHERE id = :variant")
                    .param("quantity", line.quantity())
                    .param("variant", line.variantId())
                    .update());
  }

  /** A variant as the admin puts it on the shelf, with its opening stock. */
  public record NewVariant(
      String sku,
      String metal,
      String purity,
      String size,
      BigDecimal weightGrams,
      long priceMinor,
      String currency,
      int stock) {}

  /**
   * Adds a variant to a product (the caller has locked it), with its opening stock.
   *
   * @throws org.springframework.dao.DuplicateKeyException when the SKU, or this metal, purity and
   *     size of the product, exists
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public void addVariant(String productSlug, NewVariant variant) {
    jdbc.sql(
            """
                INSERT INTO product_variant (product_id, sku, metal, purity, size, weight_grams,
                    price_minor, currency, stock)
                SELECT id, :sku, :metal, :purity, :size, :weight, :price, :currency, :stock
                FROM product WHERE slug = :slug
                """)
        .param("sku", variant.sku())
        .param("metal", variant.metal())
        .param("purity", variant.purity())
        .param("size", variant.size())
        .param("weight", variant.weightGrams())
        .param("price", variant.priceMinor())
        .param("currency", variant.currency())
        .param("stock", variant.stock())
        .param("slug", productSlug)
        .update();
  }

  /** Sets a variant's price; carts see the change at their next checkout (version). */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public void reprice(String sku, long priceMinor, String currency) {
    jdbc.sql(
            "UPDATE product_variant SET price_minor = :price, currency = :currency,"
                + " version = version + 1 WHERE sku = :sku")
        .param("price", priceMinor)
        .param("currency", currency)
        .param("sku", sku)
        .update();
  }

  /**
   * Sets the stock on the shelf to a count (after a stocktake, a delivery from the workshop, ...).
   * Holds are not touched: they count against the new stock as against the old.
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public void count(String sku, int stock) {
    jdbc.sql("UPDATE product_variant SET stock = :stock, version = version + 1 WHERE sku = :sku")
        .param("stock", stock)
        .param("sku", sku)
        .update();
  }

  private int ownHold(UUID cartId, long variantId) {
    return jdbc.sql(
            """
            SELECT coalesce(sum(quantity), 0) FROM stock_reservation
            WHERE variant_id = :variant AND cart_id = :cart AND expires_at > now()
            """)
        .param("variant", variantId)
        .param("cart", cartId)
        .query(Integer.class)
        .single();
  }

  private int lockStock(long variantId) {
    // The row lock serialises every hold and take of this variant; in READ COMMITTED each
    // following statement then sees what the previous lock holder committed.
    return jdbc.sql("SELECT stock FROM product_variant WHERE id = :variant FOR UPDATE")
        .param("variant", variantId)
        .query(Integer.class)
        .single();
  }

  private int lockAndCountAvailable(long variantId, UUID cartId) {
    int stock = lockStock(variantId);
    int heldByOthers =
        jdbc.sql(
                """
                SELECT coalesce(sum(quantity), 0) FROM stock_reservation
                WHERE variant_id = :variant AND cart_id <> :cart AND expires_at > now()
                """)
            .param("variant", variantId)
            .param("cart", cartId)
            .query(Integer.class)
            .single();
    return stock - heldByOthers;
  }
}
