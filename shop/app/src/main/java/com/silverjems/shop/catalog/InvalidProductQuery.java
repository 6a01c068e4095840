package com.silverjems.shop.catalog;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A listing was asked for with filters that cannot match anything sensible. */
class InvalidProductQuery extends ErrorResponseException {
  InvalidProductQuery(String detail) {
    super(
        HttpStatus.BAD_REQUEST,
        Problems.of(
            HttpStatus.BAD_REQUEST, "invalid-product-query", "Invalid product query", detail),
        null);
  }
}
