package com.silverjems.shop.images;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An admin's photo upload was refused before reaching the pipeline (empty, too big, not a photo).
 */
class ImageUploadRefused extends ErrorResponseException {

  ImageUploadRefused(HttpStatus status, String detail) {
    super(status, problem(status, detail), null);
  }

  private static ProblemDetail problem(HttpStatus status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle("Photo not accepted");
    return problem;
  }
}
