package com.silverjems.shop.cart;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No variant on sale has this SKU. */
class UnknownSku extends ErrorResponseException {
  UnknownSku(String sku) {
    super(
        HttpStatus.NOT_FOUND,
        Problems.of(
            HttpStatus.NOT_FOUND, "unknown-sku", "Unknown SKU", "Nothing on sale is " + sku),
        null);
  }
}
