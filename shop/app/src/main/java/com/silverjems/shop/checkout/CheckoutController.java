package com.silverjems.shop.checkout;

import com.silverjems.shop.payment.Payments;
import com.silverjems.shop.shopper.CurrentShopper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/checkout} with a required {@code Idempotency-Key}: the same key and body replay
 * the first result with {@code Idempotent-Replayed: true}; the same key with another body is 422.
 */
@RestController
class CheckoutController {

  static final String REPLAYED = "Idempotent-Replayed";

  private final Checkout checkout;
  private final Payments payments;
  private final CurrentShopper shoppers;

  CheckoutController(Checkout checkout, Payments payments, CurrentShopper shoppers) {
    this.checkout = checkout;
    this.payments = payments;
    this.shoppers = shoppers;
  }

  @PostMapping("/api/checkout")
  ResponseEntity<?> checkout(
      @RequestHeader("Idempotency-Key") String key,
      @Valid @RequestBody CheckoutRequest body,
      HttpServletRequest request) {
    Checkout.Result result =
        checkout.checkout(key, body, shoppers.signedIn(request), CurrentShopper.actor(request));
    if (result instanceof Checkout.Placed placed) {
      ResponseEntity.BodyBuilder response =
          replayed(
              ResponseEntity.created(URI.create("/api/orders/" + placed.order().number())), result);
      // After the commit, without any lock held: asking the provider may take a while.
      return response.body(
          new CheckoutResponse(placed.order(), payments.ensureIntent(placed.order())));
    }
    Checkout.Refused refused = (Checkout.Refused) result;
    return replayed(
            ResponseEntity.status(refused.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON),
            result)
        .body(refused.problem());
  }

  private static ResponseEntity.BodyBuilder replayed(
      ResponseEntity.BodyBuilder response, Checkout.Result result) {
    response.cacheControl(CacheControl.noStore());
    if (result.replayed()) {
      response.header(REPLAYED, "true");
    }
    return response;
  }
}
