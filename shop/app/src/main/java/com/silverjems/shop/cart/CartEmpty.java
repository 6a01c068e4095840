package com.silverjems.shop.cart;

import com.silverjems.shop.web.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Checkout of a cart with nothing in it. */
public class CartEmpty extends ErrorResponseException {
  CartEmpty(UUID id) {
    super(
        HttpStatus.UNPROCESSABLE_ENTITY,
        Problems.of(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "cart-empty",
            "Cart is empty",
            "Cart " + id + " has nothing to check out."),
        null);
  }
}
