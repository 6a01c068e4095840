package com.silverjems.shop.cart;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The change would make the cart hold more pieces than one cart may. */
public class CartFull extends ErrorResponseException {
  CartFull(int maxPieces, int otherPieces) {
    super(HttpStatus.CONFLICT, problem(maxPieces, otherPieces), null);
  }

  private static ProblemDetail problem(int maxPieces, int otherPieces) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.CONFLICT,
            "cart-full",
            "Cart is full",
            "A cart holds at most "
                + maxPieces
                + " pieces and this one already has "
                + otherPieces
                + " other pieces: choose at most "
                + Math.max(0, maxPieces - otherPieces)
                + ", lower another quantity or remove an item, or check out this cart first.");
    problem.setProperty("maxPieces", maxPieces);
    problem.setProperty("available", Math.max(0, maxPieces - otherPieces));
    return problem;
  }
}
