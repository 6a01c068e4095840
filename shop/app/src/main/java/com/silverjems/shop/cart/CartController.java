package com.silverjems.shop.cart;

import com.silverjems.shop.identity.RateLimits;
import com.silverjems.shop.shopper.CurrentShopper;
import com.silverjems.shop.shopper.SignInRequired;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The shopper's cart; anonymous carts are addressed by their random id. */
@RestController
@RequestMapping("/api/cart")
class CartController {

  private final Carts carts;
  private final CurrentShopper shoppers;
  private final RateLimits limits;
  private final CartProperties properties;

  CartController(
      Carts carts, CurrentShopper shoppers, RateLimits limits, CartProperties properties) {
    this.carts = carts;
    this.shoppers = shoppers;
    this.limits = limits;
    this.properties = properties;
  }

  /**
   * A new anonymous cart, or the signed-in shopper's own cart. Anonymous carts are counted per
   * client address (before the transaction: the bucket takes a connection of its own).
   *
   * @throws TooManyCarts when this address opened its share of carts for now
   */
  @PostMapping
  ResponseEntity<CartView> open(HttpServletRequest request) {
    var shopper = shoppers.signedIn(request);
    if (shopper.isEmpty()) {
      Duration wait =
          limits.take(
              "cart-ip",
              request.getRemoteAddr(),
              properties.newCartsPerAddress(),
              properties.newCartsWindow());
      if (!wait.isZero()) {
        throw new TooManyCarts(wait);
      }
    }
    CartView cart = carts.open(shopper, request.getRemoteAddr());
    return ResponseEntity.created(URI.create("/api/cart/" + cart.id()))
        .cacheControl(CacheControl.noStore())
        .body(cart);
  }

  @GetMapping("/{cartId}")
  ResponseEntity<CartView> view(@PathVariable UUID cartId, HttpServletRequest request) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(carts.view(cartId, shoppers.signedIn(request)));
  }

  /** Sets how many of a variant the cart holds; stock is held for the cart for a while. */
  @PutMapping("/{cartId}/items/{sku}")
  ResponseEntity<CartView> setItem(
      @PathVariable UUID cartId,
      @PathVariable String sku,
      @Valid @RequestBody Quantity body,
      HttpServletRequest request) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(carts.setItem(cartId, sku, body.quantity(), shoppers.signedIn(request)));
  }

  @DeleteMapping("/{cartId}/items/{sku}")
  ResponseEntity<CartView> removeItem(
      @PathVariable UUID cartId, @PathVariable String sku, HttpServletRequest request) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(carts.removeItem(cartId, sku, shoppers.signedIn(request)));
  }

  /** After sign-in: folds this anonymous cart into the shopper's cart and returns that. */
  @PostMapping("/{cartId}/merge")
  ResponseEntity<CartView> merge(@PathVariable UUID cartId, HttpServletRequest request) {
    var shopper = shoppers.signedIn(request).orElseThrow(SignInRequired::new);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(carts.merge(cartId, shopper));
  }

  record Quantity(
      @NotNull(message = "is required")
          @Min(value = 1, message = "must be at least 1")
          @Max(value = 20, message = "must be at most 20")
          Integer quantity) {}
}
