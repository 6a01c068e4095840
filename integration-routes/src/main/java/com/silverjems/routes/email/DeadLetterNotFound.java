package com.silverjems.routes.email;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An admin asked for a dead letter that does not exist. */
class DeadLetterNotFound extends ErrorResponseException {
  DeadLetterNotFound(long id) {
    super(HttpStatus.NOT_FOUND, problem(id), null);
  }

  private static ProblemDetail problem(long id) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No dead letter has id " + id + ".");
    problem.setTitle("Dead letter not found");
    return problem;
  }
}
