package com.silverjems.shop.order;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An order was asked to move to a status its state machine does not allow from where it is. */
public class IllegalOrderTransition extends ErrorResponseException {
  IllegalOrderTransition(String number, OrderStatus from, OrderStatus to) {
    super(HttpStatus.CONFLICT, problem(number, from, to), null);
  }

  private static ProblemDetail problem(String number, OrderStatus from, OrderStatus to) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.CONFLICT,
            "illegal-order-transition",
            "Illegal order transition",
            "Order " + number + " is " + from.code() + " and cannot become " + to.code() + ".");
    problem.setProperty("from", from.code());
    problem.setProperty("to", to.code());
    // What the transitions API accepts: refunded is reached through the refunds endpoint only.
    problem.setProperty(
        "allowed",
        from.next().stream()
            .filter(status -> status != OrderStatus.REFUNDED)
            .map(OrderStatus::code)
            .sorted()
            .toList());
    return problem;
  }
}
