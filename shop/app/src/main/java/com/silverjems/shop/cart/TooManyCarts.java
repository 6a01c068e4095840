package com.silverjems.shop.cart;

import com.silverjems.shop.web.Problems;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** One client address opened as many anonymous carts as it may for now; 429 with Retry-After. */
public class TooManyCarts extends ErrorResponseException {
  private final HttpHeaders headers = new HttpHeaders();

  TooManyCarts(Duration retryAfter) {
    super(
        HttpStatus.TOO_MANY_REQUESTS,
        Problems.of(
            HttpStatus.TOO_MANY_REQUESTS,
            "too-many-carts",
            "Too many new carts",
            "Your network opened many carts recently. Keep using the cart you have (it is kept"
                + " in this browser), sign in, or try again later."),
        null);
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    getBody().setProperty("retryAfterSeconds", seconds);
  }

  @Override
  public HttpHeaders getHeaders() {
    return headers;
  }
}
