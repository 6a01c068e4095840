package com.silverjems.shop.payment;

import com.silverjems.shop.web.Problems;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A correctly signed webhook whose timestamp is too old (or too early): a replay. */
class WebhookTimestampStale extends ErrorResponseException {
  WebhookTimestampStale(Duration age, Duration tolerance) {
    super(
        HttpStatus.BAD_REQUEST,
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "webhook-timestamp-stale",
            "Stale webhook",
            "Webhook refused: signed "
                + age.toSeconds()
                + " s away from now, more than the "
                + tolerance.toSeconds()
                + " s tolerated."),
        null);
  }
}
