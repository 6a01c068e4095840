package com.silverjems.shop.idempotency;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The same Idempotency-Key came back with a different request body. */
public class IdempotencyKeyReused extends ErrorResponseException {
  IdempotencyKeyReused(String key) {
    super(
        HttpStatus.UNPROCESSABLE_ENTITY,
        Problems.of(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "idempotency-key-reused",
            "Idempotency-Key reused",
            "Idempotency-Key "
                + key
                + " was already used with a different request; use a new key for a new request."),
        null);
  }
}
