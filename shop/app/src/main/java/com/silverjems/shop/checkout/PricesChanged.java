package com.silverjems.shop.checkout;

import com.silverjems.shop.cart.CheckoutCart;
import com.silverjems.shop.web.Problems;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Prices changed since the shopper put items in the cart. The cart now shows the new prices; the
 * shopper confirms by checking out again (with a new Idempotency-Key).
 */
class PricesChanged extends ErrorResponseException {
  PricesChanged(CheckoutCart cart) {
    super(HttpStatus.CONFLICT, problem(cart), null);
  }

  private static ProblemDetail problem(CheckoutCart cart) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.CONFLICT,
            "prices-changed",
            "Prices changed",
            "Some prices changed since they were added to the cart; review the cart and check out"
                + " again.");
    problem.setProperty(
        "changes",
        cart.lines().stream()
            .filter(line -> line.cartPriceMinor() != line.currentPriceMinor())
            .map(
                line ->
                    Map.of(
                        "sku", line.sku(),
                        "wasMinor", line.cartPriceMinor(),
                        "nowMinor", line.currentPriceMinor()))
            .toList());
    return problem;
  }
}
