package com.silverjems.shop.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A listing was asked for a page or page size that does not exist. Rendered as a 400 problem. */
class InvalidPageRequest extends ErrorResponseException {
  InvalidPageRequest(String detail) {
    super(HttpStatus.BAD_REQUEST, problem(detail), null);
  }

  private static ProblemDetail problem(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setTitle("Invalid page request");
    return problem;
  }
}
