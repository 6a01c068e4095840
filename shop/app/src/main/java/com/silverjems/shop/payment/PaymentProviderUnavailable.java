package com.silverjems.shop.payment;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The payment provider could not create the payment. The order stays placed; retrying the same
 * checkout (same Idempotency-Key) asks the provider again without placing another order.
 */
public class PaymentProviderUnavailable extends ErrorResponseException {
  PaymentProviderUnavailable(String provider, Throwable cause) {
    super(
        HttpStatus.SERVICE_UNAVAILABLE,
        Problems.of(
            HttpStatus.SERVICE_UNAVAILABLE,
            "payment-provider-unavailable",
            "Payment provider unavailable",
            "Your order is reserved but "
                + provider
                + " did not answer; retry the same checkout in a moment."),
        cause);
  }
}
