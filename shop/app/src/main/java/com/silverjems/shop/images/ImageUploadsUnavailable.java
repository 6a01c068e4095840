package com.silverjems.shop.images;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No upload bucket is configured here, or it could not be reached: nothing was stored. */
class ImageUploadsUnavailable extends ErrorResponseException {

  ImageUploadsUnavailable(String detail, Throwable cause) {
    super(HttpStatus.SERVICE_UNAVAILABLE, problem(detail), cause);
  }

  private static ProblemDetail problem(String detail) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
    problem.setTitle("Photo uploads unavailable");
    return problem;
  }
}
