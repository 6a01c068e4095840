package com.silverjems.shop.order;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No such order (or not the asking shopper's, which we do not reveal). */
public class OrderNotFound extends ErrorResponseException {
  public OrderNotFound(String reference) {
    super(
        HttpStatus.NOT_FOUND,
        Problems.of(
            HttpStatus.NOT_FOUND, "order-not-found", "Order not found", "No order " + reference),
        null);
  }
}
