package com.silverjems.shop.cart;

import com.silverjems.shop.shopper.Shopper;
import com.silverjems.shop.stock.OutOfStock;
import com.silverjems.shop.stock.StockLedger;
import com.silverjems.shop.stock.StockLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Carts of anonymous and signed-in shoppers. An anonymous cart is reachable by anyone holding its
 * random id; an account's cart only by that account. Every change locks the cart row first and the
 * variant rows after (the order checkout uses too), so cart edits and checkout never deadlock.
 */
@Component
public class Carts {

  private final JdbcClient jdbc;
  private final StockLedger stock;
  private final CartProperties properties;

  Carts(JdbcClient jdbc, StockLedger stock, CartProperties properties) {
    this.jdbc = jdbc;
    this.stock = stock;
    this.properties = properties;
  }

  /** A new anonymous cart, or the signed-in shopper's open cart (created on first use). */
  @Transactional
  CartView open(Optional<Shopper> shopper, String clientAddress) {
    UUID id = shopper.map(s -> accountCart(s.accountId())).orElseGet(() -> newCart(clientAddress));
    return view(id, shopper);
  }

  @Transactional(readOnly = true)
  CartView view(UUID cartId, Optional<Shopper> shopper) {
    CartRow cart = find(cartId, shopper, false);
    List<CartView.Item> items =
        jdbc.sql(
                """
                SELECT v.sku, p.slug AS product_slug, p.name AS product_name, v.size, i.quantity,
                       i.unit_price_minor, v.price_minor AS current_price_minor, i.currency,
                       r.expires_at AS reserved_until,
                       CASE WHEN r.expires_at IS NULL OR r.expires_at <= now() THEN 'not-held'
                            WHEN r.last_piece THEN 'last-piece' ELSE 'held' END AS hold
                FROM cart_item i
                JOIN product_variant v ON v.id = i.variant_id
                JOIN product p ON p.id = v.product_id
                LEFT JOIN stock_reservation r ON r.cart_id = i.cart_id AND r.variant_id = i.variant_id
                WHERE i.cart_id = :cart
                ORDER BY i.added_at, v.sku
                """)
            .param("cart", cartId)
            .query(
                (row, n) ->
                    new CartView.Item(
                        row.getString("sku"),
                        row.getString("product_slug"),
                        row.getString("product_name"),
                        row.getString("size"),
                        row.getInt("quantity"),
                        row.getLong("unit_price_minor"),
                        row.getLong("current_price_minor"),
                        row.getString("currency"),
                        instant(row.getTimestamp("reserved_until")),
                        row.getString("hold")))
            .list();
    long total = items.stream().mapToLong(item -> item.currentPriceMinor() * item.quantity()).sum();
    String currency = items.isEmpty() ? "GBP" : items.get(0).currency();
    return new CartView(cart.id(), cart.status(), items, total, currency);
  }

  /**
   * Puts {@code quantity} of a variant in the cart (replacing what was there) and holds that much
   * stock for it.
   *
   * @throws OutOfStock when other carts' holds and sales leave less than that
   */
  @Transactional
  CartView setItem(UUID cartId, String sku, int quantity, Optional<Shopper> shopper) {
    CartRow cart = find(cartId, shopper, true);
    requireOpen(cart);
    Variant variant = variant(sku);
    int others =
        jdbc.sql(
                "SELECT coalesce(sum(quantity), 0) FROM cart_item"
                    + " WHERE cart_id = :cart AND variant_id <> :variant")
            .param("cart", cartId)
            .param("variant", variant.id())
            .query(Integer.class)
            .single();
    if (others + quantity > properties.maxPiecesPerCart()) {
      throw new CartFull(properties.maxPiecesPerCart(), others);
    }
    boolean cooling = coolingDown(cart, variant.id());
    // A cooling-down address keeps the item, but its hold is written already lapsed.
    Instant holdsUntil = cooling ? Instant.EPOCH : holdDeadline(cartId);
    stock.hold(
        cartId,
        new StockLine(variant.id(), sku, quantity),
        properties.reservationTtl(),
        properties.lastPieceHold(),
        holdsUntil);
    if (!cooling) {
      startLifetime(cartId, holdsUntil);
    }
    jdbc.sql(
            """
            INSERT INTO cart_item (cart_id, variant_id, quantity, unit_price_minor, currency)
            VALUES (:cart, :variant, :quantity, :price, :currency)
            ON CONFLICT (cart_id, variant_id) DO UPDATE
              SET quantity = EXCLUDED.quantity, unit_price_minor = EXCLUDED.unit_price_minor
            """)
        .param("cart", cartId)
        .param("variant", variant.id())
        .param("quantity", quantity)
        .param("price", variant.priceMinor())
        .param("currency", variant.currency())
        .update();
    touch(cartId);
    return view(cartId, shopper);
  }

  @Transactional
  CartView removeItem(UUID cartId, String sku, Optional<Shopper> shopper) {
    CartRow cart = find(cartId, shopper, true);
    requireOpen(cart);
    Variant variant = variant(sku);
    jdbc.sql("DELETE FROM cart_item WHERE cart_id = :cart AND variant_id = :variant")
        .param("cart", cartId)
        .param("variant", variant.id())
        .update();
    stock.release(cartId, variant.id());
    touch(cartId);
    return view(cartId, shopper);
  }

  /**
   * Folds an anonymous cart into the signed-in shopper's cart (on sign-in). Where both hold the
   * same variant the larger quantity wins, so signing in never doubles an order by surprise. Items
   * whose stock is gone are kept without a hold: checkout will say so.
   */
  @Transactional
  CartView merge(UUID anonymousCartId, Shopper shopper) {
    UUID target = accountCart(shopper.accountId());
    if (target.equals(anonymousCartId)) {
      return view(target, Optional.of(shopper));
    }
    // Target first, then source: every merge into this account's cart queues on the same lock.
    requireOpen(find(target, Optional.of(shopper), true));
    CartRow source = find(anonymousCartId, Optional.of(shopper), true);
    requireOpen(source);
    record Item(
        long variantId,
        String sku,
        int quantity,
        long price,
        String currency,
        Timestamp lastPieceUntil) {}
    // A last-piece hold's deadline goes along into the shopper's cart: merging starts none anew.
    List<Item> items =
        jdbc.sql(
                """
                SELECT i.variant_id, v.sku, i.quantity, i.unit_price_minor AS price, i.currency,
                       r.expires_at AS last_piece_until
                FROM cart_item i JOIN product_variant v ON v.id = i.variant_id
                LEFT JOIN stock_reservation r
                  ON r.cart_id = i.cart_id AND r.variant_id = i.variant_id AND r.last_piece
                WHERE i.cart_id = :cart ORDER BY i.variant_id
                """)
            .param("cart", anonymousCartId)
            .query(Item.class)
            .list();
    stock.releaseAll(anonymousCartId);
    Instant holdsUntil = holdDeadline(target);
    for (Item item : items) {
      int kept =
          jdbc.sql(
                  """
                  INSERT INTO cart_item (cart_id, variant_id, quantity, unit_price_minor, currency)
                  VALUES (:cart, :variant, :quantity, :price, :currency)
                  ON CONFLICT (cart_id, variant_id) DO UPDATE
                    SET quantity = greatest(cart_item.quantity, EXCLUDED.quantity)
                  RETURNING quantity
                  """)
              .param("cart", target)
              .param("variant", item.variantId())
              .param("quantity", item.quantity())
              .param("price", item.price())
              .param("currency", item.currency())
              .query(Integer.class)
              .single();
      int heldElsewhere =
          jdbc.sql(
                  """
                  SELECT coalesce(sum(quantity), 0) FROM stock_reservation
                  WHERE cart_id = :cart AND variant_id <> :variant AND expires_at > now()
                  """)
              .param("cart", target)
              .param("variant", item.variantId())
              .query(Integer.class)
              .single();
      if (heldElsewhere + kept > properties.maxPiecesPerCart()) {
        // Over the per-cart cap: the item stays, unheld, for the shopper to trim or buy.
        continue;
      }
      Instant notAfter =
          item.lastPieceUntil() != null && item.lastPieceUntil().toInstant().isBefore(holdsUntil)
              ? item.lastPieceUntil().toInstant()
              : holdsUntil;
      try {
        stock.hold(
            target,
            new StockLine(item.variantId(), item.sku(), kept),
            properties.reservationTtl(),
            properties.lastPieceHold(),
            notAfter);
        startLifetime(target, holdsUntil);
      } catch (OutOfStock gone) {
        // Nothing was written by the failed hold; the item stays for the shopper to see.
      }
    }
    jdbc.sql("UPDATE cart SET status = 'merged', updated_at = now() WHERE id = :id")
        .param("id", anonymousCartId)
        .update();
    touch(target);
    return view(target, Optional.of(shopper));
  }

  /**
   * Locks an open cart for checkout and reads its lines with current prices.
   *
   * @throws CartNotFound when it does not exist or belongs to someone else
   * @throws CartNotOpen when it was already checked out
   * @throws CartEmpty when it has no items
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public CheckoutCart lockForCheckout(UUID cartId, Optional<Shopper> shopper) {
    CartRow cart = find(cartId, shopper, true);
    requireOpen(cart);
    List<CheckoutCart.Line> lines =
        jdbc.sql(
                """
                SELECT v.id AS variant_id, v.sku, p.name AS product_name, v.size, i.quantity,
                       i.unit_price_minor AS cart_price_minor,
                       v.price_minor AS current_price_minor, v.currency
                FROM cart_item i
                JOIN product_variant v ON v.id = i.variant_id
                JOIN product p ON p.id = v.product_id
                WHERE i.cart_id = :cart
                ORDER BY i.added_at, v.sku
                """)
            .param("cart", cartId)
            .query(CheckoutCart.Line.class)
            .list();
    if (lines.isEmpty()) {
      throw new CartEmpty(cartId);
    }
    return new CheckoutCart(cartId, cart.accountId(), lines);
  }

  /** Takes the current prices into the cart, after the shopper was told they changed. */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public void acceptCurrentPrices(UUID cartId) {
    jdbc.sql(
            """
            UPDATE cart_item i SET unit_price_minor = v.price_minor, currency = v.currency
            FROM product_variant v WHERE v.id = i.variant_id AND i.cart_id = :cart
            """)
        .param("cart", cartId)
        .update();
  }

  /** Closes the cart once its order is placed. */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public void markCheckedOut(UUID cartId) {
    jdbc.sql("UPDATE cart SET status = 'checked_out', updated_at = now() WHERE id = :id")
        .param("id", cartId)
        .update();
  }

  private UUID newCart(String clientAddress) {
    UUID id = UUID.randomUUID();
    jdbc.sql("INSERT INTO cart (id, client_key) VALUES (:id, :client)")
        .param("id", id)
        .param("client", clientKey(clientAddress))
        .update();
    return id;
  }

  /**
   * Whether another cart of the same client address held this variant until its lifetime ran out,
   * or held it as a last piece until that short hold ended, less than the cooldown ago: then this
   * cart may not hold it (a script cannot chain carts to keep a last piece), though the item may
   * still be bought while nobody else holds it.
   */
  private boolean coolingDown(CartRow cart, long variantId) {
    if (cart.clientKey() == null) {
      return false;
    }
    return jdbc.sql(
            """
            SELECT EXISTS (
              SELECT 1 FROM cart c JOIN stock_reservation r ON r.cart_id = c.id
              WHERE c.client_key = :client AND c.id <> :cart AND r.variant_id = :variant
                AND (c.holds_until <= now()
                       AND c.holds_until > now() - CAST(:cooldown AS INTERVAL)
                     OR r.last_piece AND r.expires_at <= now()
                       AND r.expires_at > now() - CAST(:cooldown AS INTERVAL)))
            """)
        .param("client", cart.clientKey())
        .param("cart", cart.id())
        .param("variant", variantId)
        .param("cooldown", properties.reholdCooldown().toMillis() + " milliseconds")
        .query(Boolean.class)
        .single();
  }

  /**
   * The client address as a SHA-256 prefix: the cart table is no list of who shopped from where.
   */
  private static String clientKey(String clientAddress) {
    if (clientAddress == null) {
      return null;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(clientAddress.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private UUID accountCart(UUID accountId) {
    // The partial unique index makes two concurrent first uses of an account agree on one cart.
    jdbc.sql(
            """
            INSERT INTO cart (id, account_id) VALUES (:id, :account)
            ON CONFLICT (account_id) WHERE status = 'open' AND account_id IS NOT NULL DO NOTHING
            """)
        .param("id", UUID.randomUUID())
        .param("account", accountId)
        .update();
    return jdbc.sql("SELECT id FROM cart WHERE account_id = :account AND status = 'open'")
        .param("account", accountId)
        .query(UUID.class)
        .single();
  }

  private CartRow find(UUID cartId, Optional<Shopper> shopper, boolean lock) {
    CartRow cart =
        jdbc.sql(
                "SELECT id, account_id, status, client_key FROM cart WHERE id = :id"
                    + (lock ? " FOR UPDATE" : ""))
            .param("id", cartId)
            .query(CartRow.class)
            .optional()
            .orElseThrow(() -> new CartNotFound(cartId));
    if (cart.accountId() != null
        && shopper.map(s -> !cart.accountId().equals(s.accountId())).orElse(true)) {
      throw new CartNotFound(cartId);
    }
    return cart;
  }

  private static void requireOpen(CartRow cart) {
    if (!"open".equals(cart.status())) {
      throw new CartNotOpen(cart.id(), cart.status());
    }
  }

  private Variant variant(String sku) {
    return jdbc.sql(
            """
            SELECT v.id, v.price_minor, v.currency FROM product_variant v
            JOIN product p ON p.id = v.product_id
            WHERE v.sku = :sku AND p.published
            """)
        .param("sku", sku)
        .query(Variant.class)
        .optional()
        .orElseThrow(() -> new UnknownSku(sku));
  }

  /**
   * The instant the cart's holds end at the latest: fixed by its first successful hold (see {@link
   * #startLifetime}), never moved by renewals, so no number of changes keeps a piece held longer
   * than the reservation lifetime. (Called under the cart's row lock.)
   */
  private Instant holdDeadline(UUID cartId) {
    return jdbc.sql(
            """
            SELECT coalesce(holds_until, now() + CAST(:lifetime AS INTERVAL))
            FROM cart WHERE id = :id
            """)
        .param("id", cartId)
        .param("lifetime", properties.reservationLifetime().toMillis() + " milliseconds")
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  /** Fixes the deadline once a hold succeeded: refused attempts do not start the clock. */
  private void startLifetime(UUID cartId, Instant holdsUntil) {
    jdbc.sql(
            "UPDATE cart SET holds_until = coalesce(holds_until, :until)"
                + " WHERE id = :id AND holds_until IS NULL")
        .param("id", cartId)
        .param("until", Timestamp.from(holdsUntil))
        .update();
  }

  private void touch(UUID cartId) {
    jdbc.sql("UPDATE cart SET updated_at = now() WHERE id = :id").param("id", cartId).update();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private record CartRow(UUID id, UUID accountId, String status, String clientKey) {}

  private record Variant(long id, long priceMinor, String currency) {}
}
