package com.silverjems.shop.order;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Marking an order paid by hand (a bank transfer, cash at a fair) needs the reason: it stands in
 * for the provider's confirmation in the audit log and the customer's email.
 */
public class ManualPaymentReasonRequired extends ErrorResponseException {
  ManualPaymentReasonRequired(String number) {
    super(
        HttpStatus.UNPROCESSABLE_ENTITY,
        Problems.of(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "manual-payment-reason-required",
            "Reason required",
            "Say how order " + number + " was paid (e.g. the bank transfer's reference)."),
        null);
  }
}
