package com.silverjems.shop.idempotency;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The Idempotency-Key header is empty, longer than 255 characters or not printable ASCII. */
public class IdempotencyKeyInvalid extends ErrorResponseException {
  IdempotencyKeyInvalid() {
    super(
        HttpStatus.BAD_REQUEST,
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "idempotency-key-invalid",
            "Invalid Idempotency-Key",
            "Idempotency-Key must be 1 to 255 printable ASCII characters, e.g. a UUID."),
        null);
  }
}
