package com.silverjems.shop.cart;

import com.silverjems.shop.web.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No such cart, or it belongs to another shopper (which we do not reveal). */
public class CartNotFound extends ErrorResponseException {
  CartNotFound(UUID id) {
    super(
        HttpStatus.NOT_FOUND,
        Problems.of(HttpStatus.NOT_FOUND, "cart-not-found", "Cart not found", "No cart " + id),
        null);
  }
}
