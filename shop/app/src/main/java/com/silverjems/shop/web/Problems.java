package com.silverjems.shop.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds the RFC 7807 problem details that features put in their exceptions, so that every problem
 * type of the API has one documented URI.
 */
public final class Problems {

  /** Where problem types are documented; the type URI of a problem is this plus its slug. */
  public static final String TYPE_BASE = "https://silverjems.example/problems/";

  private Problems() {}

  /** A problem of type {@code TYPE_BASE + slug}, e.g. {@code out-of-stock}. */
  public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + slug));
    problem.setTitle(title);
    return problem;
  }
}
