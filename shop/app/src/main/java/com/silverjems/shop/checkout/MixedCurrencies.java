package com.silverjems.shop.checkout;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** One order is paid in one currency; a cart mixing currencies cannot be checked out. */
class MixedCurrencies extends ErrorResponseException {
  MixedCurrencies() {
    super(
        HttpStatus.UNPROCESSABLE_ENTITY,
        Problems.of(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "mixed-currencies",
            "Mixed currencies",
            "Items in the cart are priced in different currencies."),
        null);
  }
}
