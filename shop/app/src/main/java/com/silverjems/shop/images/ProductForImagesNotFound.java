package com.silverjems.shop.images;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Photos were asked for, or sent, for a product that does not exist. */
class ProductForImagesNotFound extends ErrorResponseException {

  ProductForImagesNotFound(String slug) {
    super(HttpStatus.NOT_FOUND, problem(slug), null);
  }

  private static ProblemDetail problem(String slug) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no product " + slug + ".");
    problem.setTitle("Product not found");
    return problem;
  }
}
