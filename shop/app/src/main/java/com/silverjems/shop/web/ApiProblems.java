package com.silverjems.shop.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where exceptions become RFC 7807 problem details. Spring's own errors (bad
 * parameters, unknown routes, wrong methods) and every {@code ErrorResponseException} a feature
 * throws come out of the superclass in the same shape; anything unexpected becomes a 500 problem
 * that tells the caller nothing about our internals.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  /**
   * Spring Security's own exceptions go back to its filter chain, which knows whether the caller
   * has no session (401) or the wrong one (403): the catch-all below must not turn them into 500.
   */
  @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
  void securityDecides(RuntimeException e) {
    throw e;
  }

  @ExceptionHandler(RuntimeException.class)
  ProblemDetail unexpected(RuntimeException e) {
    log.error("Unhandled error answering a request", e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Something went wrong on our side; please try again.");
    problem.setTitle("Internal error");
    return problem;
  }
}
