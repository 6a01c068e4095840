package com.silverjems.shop.cart;

import com.silverjems.shop.web.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The cart was already checked out or merged into the shopper's account cart. */
public class CartNotOpen extends ErrorResponseException {
  CartNotOpen(UUID id, String status) {
    super(HttpStatus.CONFLICT, problem(id, status), null);
  }

  private static ProblemDetail problem(UUID id, String status) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.CONFLICT,
            "cart-not-open",
            "Cart is closed",
            "Cart " + id + " is " + status.replace('_', ' ') + "; start a new cart.");
    problem.setProperty("status", status);
    return problem;
  }
}
