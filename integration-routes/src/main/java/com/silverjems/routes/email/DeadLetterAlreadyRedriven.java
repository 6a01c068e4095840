package com.silverjems.routes.email;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Two admins re-drove the same dead letter; the second one is told, and nothing is sent twice. */
class DeadLetterAlreadyRedriven extends ErrorResponseException {
  DeadLetterAlreadyRedriven(long id) {
    super(HttpStatus.CONFLICT, problem(id), null);
  }

  private static ProblemDetail problem(long id) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT, "Dead letter " + id + " was already re-driven.");
    problem.setTitle("Dead letter already re-driven");
    return problem;
  }
}
