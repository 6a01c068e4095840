package com.silverjems.shop.emailadmin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The email hub is not configured here or did not answer: nothing was read or changed. */
class EmailHubUnavailable extends ErrorResponseException {

  EmailHubUnavailable(String detail, Throwable cause) {
    super(HttpStatus.SERVICE_UNAVAILABLE, problem(detail), cause);
  }

  private static ProblemDetail problem(String detail) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
    problem.setTitle("Email administration unavailable");
    return problem;
  }
}
