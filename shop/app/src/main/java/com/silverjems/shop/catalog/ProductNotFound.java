package com.silverjems.shop.catalog;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No published product has this slug. */
class ProductNotFound extends ErrorResponseException {
  ProductNotFound(String slug) {
    super(
        HttpStatus.NOT_FOUND,
        Problems.of(
            HttpStatus.NOT_FOUND, "product-not-found", "Product not found", "No product " + slug),
        null);
  }
}
