package com.silverjems.shop.checkout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.shop.cart.Carts;
import com.silverjems.shop.cart.CheckoutCart;
import com.silverjems.shop.idempotency.IdempotencyKeyReused;
import com.silverjems.shop.idempotency.IdempotencyKeys;
import com.silverjems.shop.order.NewOrder;
import com.silverjems.shop.order.OrderView;
import com.silverjems.shop.order.Orders;
import com.silverjems.shop.order.ShippingAddress;
import com.silverjems.shop.shopper.Shopper;
import com.silverjems.shop.stock.OutOfStock;
import com.silverjems.shop.stock.StockLedger;
import com.silverjems.shop.stock.StockLine;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Checkout: claims the Idempotency-Key, locks the cart, re-checks prices, takes the stock, places
 * the order (with its order-placed outbox event) and stores the result under the key, all in ONE
 * transaction. A business refusal (out of stock, prices changed, ...) is stored too, so the same
 * key and body always get the same answer.
 */
@Component
class Checkout {

  static final String SCOPE = "checkout";
  static final URI INSTANCE = URI.create("/api/checkout");

  private final IdempotencyKeys keys;
  private final Carts carts;
  private final StockLedger stock;
  private final Orders orders;
  private final CheckoutMetrics metrics;
  private final ObjectMapper json;
  private final TransactionTemplate transaction;

  Checkout(
      IdempotencyKeys keys,
      Carts carts,
      StockLedger stock,
      Orders orders,
      CheckoutMetrics metrics,
      ObjectMapper json,
      PlatformTransactionManager transactions) {
    this.keys = keys;
    this.carts = carts;
    this.stock = stock;
    this.orders = orders;
    this.metrics = metrics;
    this.json = json;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** What a checkout request comes to, first time or replayed. */
  sealed interface Result permits Placed, Refused {
    boolean replayed();
  }

  record Placed(OrderView order, boolean replayed) implements Result {}

  /**
   * A refusal, answered with its problem. {@code reason} is typed from the refusal thrown, for the
   * metrics; a replayed refusal has none (the key stores the answer, not the exception).
   */
  record Refused(int status, JsonNode problem, Reason reason, boolean replayed) implements Result {}

  /** Why a checkout was refused, as far as the metrics tell refusals apart. */
  enum Reason {
    OUT_OF_STOCK,
    OTHER;

    static Reason of(ErrorResponseException refusal) {
      return refusal instanceof OutOfStock ? OUT_OF_STOCK : OTHER;
    }
  }

  Result checkout(String key, CheckoutRequest request, Optional<Shopper> shopper, String actor) {
    // The account is part of the request: the same key from another shopper is another request.
    String fingerprint =
        keys.fingerprint(new Fingerprinted(request, shopper.map(Shopper::accountId).orElse(null)));
    Result result;
    try {
      result = transaction.execute(status -> attempt(key, fingerprint, request, shopper, actor));
    } catch (IdempotencyKeyReused e) {
      metrics.count(CheckoutMetrics.Outcome.CONFLICT);
      throw e;
    } catch (RuntimeException e) {
      metrics.count(CheckoutMetrics.Outcome.FAILED);
      throw e;
    }
    if (result.replayed()) {
      metrics.count(CheckoutMetrics.Outcome.REPLAYED);
    } else if (result instanceof Placed) {
      metrics.count(CheckoutMetrics.Outcome.PLACED);
    } else if (result instanceof Refused refused && refused.reason() == Reason.OUT_OF_STOCK) {
      metrics.count(CheckoutMetrics.Outcome.OUT_OF_STOCK);
    } else {
      metrics.count(CheckoutMetrics.Outcome.FAILED);
    }
    return result;
  }

  private Result attempt(
      String key,
      String fingerprint,
      CheckoutRequest request,
      Optional<Shopper> shopper,
      String actor) {
    Optional<IdempotencyKeys.StoredResponse> stored = keys.claim(SCOPE, key, fingerprint);
    if (stored.isPresent()) {
      return replay(stored.get());
    }
    try {
      OrderView order = place(request, shopper, actor);
      keys.complete(SCOPE, key, 201, order);
      return new Placed(order, false);
    } catch (ErrorResponseException refusal) {
      // Refusals are decided before anything is written (except the cart's new prices, which
      // are meant to stick), so committing here stores the answer and nothing else.
      ProblemDetail problem = refusal.getBody();
      problem.setInstance(INSTANCE);
      int status = refusal.getStatusCode().value();
      keys.complete(SCOPE, key, status, problem);
      return new Refused(status, json.valueToTree(problem), Reason.of(refusal), false);
    }
  }

  private OrderView place(CheckoutRequest request, Optional<Shopper> shopper, String actor) {
    CheckoutCart cart = carts.lockForCheckout(request.cartId(), shopper);
    if (cart.pricesChanged()) {
      carts.acceptCurrentPrices(cart.id());
      throw new PricesChanged(cart);
    }
    if (cart.lines().stream().map(CheckoutCart.Line::currency).distinct().count() > 1) {
      throw new MixedCurrencies();
    }
    stock.take(
        cart.id(),
        cart.lines().stream()
            .map(line -> new StockLine(line.variantId(), line.sku(), line.quantity()))
            .toList());
    carts.markCheckedOut(cart.id());
    CheckoutRequest.Address address = request.shippingAddress();
    return orders.place(
        new NewOrder(
            cart.id(),
            shopper.map(Shopper::accountId).orElse(cart.accountId()),
            request.email().strip(),
            request.name().strip(),
            new ShippingAddress(
                address.name() == null || address.name().isBlank()
                    ? request.name().strip()
                    : address.name().strip(),
                address.line1().strip(),
                address.line2() == null || address.line2().isBlank() ? null : address.line2(),
                address.city().strip(),
                address.postcode().strip(),
                address.country()),
            cart.lines().stream()
                .map(
                    line ->
                        new NewOrder.Line(
                            line.variantId(),
                            line.sku(),
                            line.productName(),
                            line.size(),
                            line.quantity(),
                            line.currentPriceMinor()))
                .toList(),
            cart.lines().get(0).currency()),
        actor);
  }

  private Result replay(IdempotencyKeys.StoredResponse stored) {
    if (stored.status() == 201) {
      try {
        return new Placed(json.treeToValue(stored.body(), OrderView.class), true);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Stored checkout result is not an order", e);
      }
    }
    return new Refused(stored.status(), stored.body(), null, true);
  }

  private record Fingerprinted(CheckoutRequest request, UUID accountId) {}
}
