package com.silverjems.shop.stock;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Fewer items of a variant are available than a cart or a checkout asked for. */
public class OutOfStock extends ErrorResponseException {

  private final String sku;

  OutOfStock(String sku, int available, int requested) {
    super(HttpStatus.CONFLICT, problem(sku, available, requested), null);
    this.sku = sku;
  }

  public String sku() {
    return sku;
  }

  private static ProblemDetail problem(String sku, int available, int requested) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.CONFLICT,
            "out-of-stock",
            "Out of stock",
            available == 0
                ? sku + " is out of stock."
                : "Only " + available + " of " + sku + " left; " + requested + " requested.");
    problem.setProperty("sku", sku);
    problem.setProperty("available", available);
    problem.setProperty("requested", requested);
    return problem;
  }
}
