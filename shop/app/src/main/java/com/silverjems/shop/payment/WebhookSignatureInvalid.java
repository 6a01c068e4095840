package com.silverjems.shop.payment;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A webhook whose signature is missing, malformed or wrong: not from our provider. */
class WebhookSignatureInvalid extends ErrorResponseException {
  WebhookSignatureInvalid(String why) {
    super(
        HttpStatus.BAD_REQUEST,
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "webhook-signature-invalid",
            "Invalid webhook signature",
            "Webhook refused: " + why + "."),
        null);
  }
}
