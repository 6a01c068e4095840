package com.silverjems.shop.order;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An admin asked to move an order to refunded by hand. An order becomes refunded only when the
 * payment provider confirms that its money went back, so the refunds endpoint is the way there.
 */
public class RefundThroughProvider extends ErrorResponseException {
  RefundThroughProvider(String number, OrderStatus from) {
    super(HttpStatus.CONFLICT, problem(number, from), null);
  }

  private static ProblemDetail problem(String number, OrderStatus from) {
    String refunds = "/api/admin/orders/" + number + "/refunds";
    ProblemDetail problem =
        Problems.of(
            HttpStatus.CONFLICT,
            "refund-through-provider",
            "Refund through the payment provider",
            "Order "
                + number
                + " becomes refunded only when the payment provider confirms a refund: POST "
                + refunds
                + " instead of changing its status.");
    problem.setProperty("from", from.code());
    problem.setProperty("refunds", refunds);
    return problem;
  }
}
