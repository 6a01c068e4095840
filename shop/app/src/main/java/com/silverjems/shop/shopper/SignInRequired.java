package com.silverjems.shop.shopper;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A shopper-only resource (order history, cart merge) was asked for without a session. */
public class SignInRequired extends ErrorResponseException {
  public SignInRequired() {
    super(
        HttpStatus.UNAUTHORIZED,
        Problems.of(
            HttpStatus.UNAUTHORIZED,
            "sign-in-required",
            "Sign-in required",
            "Sign in to see this."),
        null);
  }
}
