package com.silverjems.shop.emailadmin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A path under /api/admin/email that tries to leave the hub's email admin API. */
class NotAnEmailAdminPath extends ErrorResponseException {

  NotAnEmailAdminPath(String path) {
    super(HttpStatus.NOT_FOUND, problem(path), null);
  }

  private static ProblemDetail problem(String path) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No email admin resource " + path);
    problem.setTitle("Not found");
    return problem;
  }
}
